/**
 * Indicator reasons
 * =================
 *
 * Turns the application indicators of a cluster into sentences with the identifiers involved: VPN or
 * hosting IPs (with their networks), malformed and VoIP phones, phone countries unlike the claimed one,
 * and education claims that do not hold together.
 */
import { listText, quoted, ref, type AnalysisContext } from "./context.js";
import {
  GRADUATION_OFF_CALENDAR,
  HOSTING_IP,
  K,
  MAJOR_NOT_OFFERED,
  MALFORMED_PHONE,
  PHONE_COUNTRY_MISMATCH,
  VOIP_PHONE,
  type EducationClaim,
} from "./input.js";
import { asnLabel } from "./ip-class.js";
import type { ClusterReason } from "../common/detection.js";

function identsOf(ctx: AnalysisContext, apps: readonly number[], pick: (i: number) => boolean): number[] {
  const out = new Set<number>();
  for (const a of apps)
    for (let l = ctx.input.links.offset[a]!; l < ctx.input.links.offset[a + 1]!; l++) {
      const i = ctx.input.links.ident[l]!;
      if (pick(i)) out.add(i);
    }
  return [...out].sort((x, y) => x - y);
}

const appRefs = (ctx: AnalysisContext, apps: readonly number[]) =>
  apps.map((a) => `application:${ctx.input.apps.ids[a]}`);

export function indicatorReasons(
  ctx: AnalysisContext,
  apps: readonly number[],
  bits: readonly number[],
): ClusterReason[] {
  const n = apps.length;
  const having = (mask: number) => apps.filter((_, j) => bits[j]! & mask);
  const reasons: ClusterReason[] = [];
  const hosting = having(HOSTING_IP);
  if (hosting.length) {
    const seen = hosting.flatMap((a) => ctx.input.apps.hostingIps.get(a) ?? []);
    const networks = [...new Set(seen.map((h) => asnLabel(ctx.ips.networks, h.asn)))].sort();
    reasons.push({
      code: "hosting_ip",
      text: `${hosting.length} of ${n} applications came from VPN or hosting networks (${listText(networks, 3)}), not from a home or office connection.`,
      identifiers: [...new Set(seen.map((h) => `ip:${h.ip}`))].sort(),
    });
  }
  const phoneReason = (mask: number, code: string, what: string, pick: (i: number) => boolean) => {
    const list = having(mask);
    if (!list.length) return;
    const phones = identsOf(ctx, list, (i) => ctx.input.identifiers.kind[i] === K.phone && pick(i));
    reasons.push({
      code,
      text: `${list.length} of ${n} applications ${what}.`,
      identifiers: phones.length ? phones.map((i) => ref(ctx, i)) : appRefs(ctx, list),
    });
  };
  // Malformed numbers are keyed by their digits (not E.164), which is how they are recognised here.
  phoneReason(
    MALFORMED_PHONE,
    "malformed_phone",
    "give a phone number that is not a valid number for any country",
    (i) => !ctx.input.identifiers.key[i]!.startsWith("+"),
  );
  phoneReason(VOIP_PHONE, "voip_phone", "give a VoIP phone number", () => false);
  phoneReason(
    PHONE_COUNTRY_MISMATCH,
    "phone_country_mismatch",
    "give a phone number from another country than the one they claim to live in",
    () => false,
  );
  const edu = (mask: number, code: string, what: (a: number) => string) => {
    const list = having(mask);
    if (!list.length) return;
    const claims = [...new Set(list.map(what))].sort();
    reasons.push({
      code,
      text: `${list.length} of ${n} applications ${code === "major_not_offered" ? "claim a major the school does not offer" : "claim a graduation month outside the school's calendar"} (${listText(claims, 3)}).`,
      identifiers: appRefs(ctx, list),
    });
  };
  const claim = (a: number): EducationClaim =>
    ctx.input.apps.educationClaims.get(a) ?? { university: null, major: null, graduation: null };
  const u = (a: number) => claim(a).university ?? "?";
  edu(MAJOR_NOT_OFFERED, "major_not_offered", (a) => `${quoted(claim(a).major ?? "?")} at ${u(a)}`);
  edu(GRADUATION_OFF_CALENDAR, "graduation_off_calendar", (a) => `${claim(a).graduation ?? "?"} at ${u(a)}`);
  return reasons;
}
