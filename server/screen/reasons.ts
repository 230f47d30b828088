/**
 * Screening reasons
 * =================
 *
 * The sentences of a screening answer, each with the identifiers (`kind:key`) or applications involved:
 * the clusters it links to, what it shares with other applicants, its own indicators, the burst, the
 * honest explanations that lowered its score, watchlist hits and what was left out as common
 * infrastructure. Codes are detection's where the meaning is the same (`shared_device`, `hosting_ip` …).
 */
import { listText, plural } from "../detect/context.js";
import type { HostingIp, EducationClaim } from "../detect/input.js";
import {
  GRADUATION_OFF_CALENDAR,
  HOSTING_IP,
  MAJOR_NOT_OFFERED,
  MALFORMED_PHONE,
  PHONE_COUNTRY_MISMATCH,
  VOIP_PHONE,
} from "../detect/input.js";
import { asnLabel } from "../detect/ip-class.js";
import type { ClusterReason } from "../common/detection.js";
import { kindWords } from "../common/identifiers.js";
import type { LinkedCluster } from "./types.js";

export function clusterReasons(clusters: readonly LinkedCluster[]): ClusterReason[] {
  return clusters.map((c) => ({
    code: "linked_cluster",
    text: `Links to cluster ${c.id} (${c.risk_level} risk, ${c.risk_score}${c.patterns.length ? `; ${c.patterns.join(", ")}` : ""}) through ${listText(c.via, 3)}: ${plural(c.linked_applications ?? 0, "application")} of its ${c.size ?? "?"}.`,
    identifiers: c.via,
  }));
}

export function sharedReasons(byKind: Map<string, { refs: Set<string>; apps: Set<string>; people: Set<string> }>) {
  const out: ClusterReason[] = [];
  for (const [kind, s] of byKind)
    out.push({
      code: `shared_${kind}`,
      text: `Uses the same ${kindWords(kind)} as ${plural(s.apps.size, "application")} of ${plural(s.people.size, "other applicant")}.`,
      identifiers: [...s.refs].sort(),
    });
  return out;
}

export function indicatorReasonsOf(
  bits: number,
  details: {
    phones: string[];
    hosting: HostingIp[];
    networks: ReadonlyMap<number, string>;
    education: EducationClaim | undefined;
  },
): ClusterReason[] {
  const out: ClusterReason[] = [];
  if (bits & HOSTING_IP) {
    const nets = [...new Set(details.hosting.map((h) => asnLabel(details.networks, h.asn)))].sort();
    out.push({
      code: "hosting_ip",
      text: `Came from a VPN or hosting network (${listText(nets, 3)}), not from a home or office connection.`,
      identifiers: details.hosting.map((h) => `ip:${h.ip}`),
    });
  }
  const phone = (mask: number, code: string, text: string) => {
    if (bits & mask) out.push({ code, text, identifiers: details.phones });
  };
  phone(MALFORMED_PHONE, "malformed_phone", "Gives a phone number that is not a valid number for any country.");
  phone(VOIP_PHONE, "voip_phone", "Gives a VoIP phone number.");
  phone(
    PHONE_COUNTRY_MISMATCH,
    "phone_country_mismatch",
    "Gives a phone number from another country than the one it claims to live in.",
  );
  const e = details.education;
  if (bits & MAJOR_NOT_OFFERED)
    out.push({
      code: "major_not_offered",
      text: `Claims a major the school does not offer ("${e?.major ?? "?"}" at ${e?.university ?? "?"}).`,
      identifiers: [],
    });
  if (bits & GRADUATION_OFF_CALENDAR)
    out.push({
      code: "graduation_off_calendar",
      text: `Claims a graduation month outside the school's calendar (${e?.graduation ?? "?"} at ${e?.university ?? "?"}).`,
      identifiers: [],
    });
  return out;
}
