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
import type { ClusterReason, ScoreComponent } from "../common/detection.js";
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

const listShort = (refs: string[]) =>
  refs.length <= 3 ? refs.join(", ") : `${refs.slice(0, 3).join(", ")} and ${refs.length - 3} more`;

const one = (cond: unknown, reason: () => ClusterReason): ClusterReason[] => (cond ? [reason()] : []);

/** Every reason of a screening answer, in the order the answer lists them. */
export function screenReasons(s: {
  linkedClusters: LinkedCluster[];
  byKind: Parameters<typeof sharedReasons>[0];
  sameApps: string[];
  own: ClusterReason[];
  burst: boolean;
  burstWindowMinutes: number;
  sharedRefs: ReadonlySet<string>;
  breakdown: readonly ScoreComponent[];
  hits: readonly { identifier: string; source: string }[];
  skipped: string[];
}): ClusterReason[] {
  const shared = () => [...s.sharedRefs].sort();
  return [
    ...clusterReasons(s.linkedClusters),
    ...sharedReasons(s.byKind),
    ...one(s.sameApps.length, () => ({
      code: "same_applicant",
      text: `The same applicant (name and a personal identifier) as ${s.sameApps.length} earlier application${s.sameApps.length === 1 ? "" : "s"}; what those share with others counts, they do not.`,
      identifiers: [...s.sameApps].sort().map((id) => `application:${id}`),
    })),
    ...s.own,
    ...one(s.burst, () => ({
      code: "farm_submission_burst",
      text: `Submitted within ${s.burstWindowMinutes} minutes of applications by other applicants it links to, as an operator filing several personas' applications in one sitting does.`,
      identifiers: shared(),
    })),
    ...s.breakdown
      .filter((c) => c.code === "household" || c.code === "one_contact_hub")
      .map((c) => ({
        code: c.code,
        text:
          c.code === "household"
            ? `The cluster it would join was judged a household and it shares no payroll account or profile with it (${c.points} points).`
            : `All it shares with other applicants is one phone number or email, as a recruiter's or agency's contact does (${c.points} points).`,
        identifiers: shared(),
      })),
    ...one(s.hits.length, () => ({
      code: "watchlist_hit",
      text: `Uses ${s.hits.length === 1 ? "an identifier" : `${s.hits.length} identifiers`} on the watchlist (${[...new Set(s.hits.map((h) => h.source))].join("; ")}).`,
      identifiers: [...new Set(s.hits.map((h) => h.identifier))].sort(),
    })),
    ...one(s.skipped.length, () => ({
      code: "common_infrastructure",
      text: `Left out as common infrastructure (too widely used to link anyone): ${listShort(s.skipped)}.`,
      identifiers: [...s.skipped].sort(),
    })),
  ];
}
