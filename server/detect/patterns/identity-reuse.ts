/**
 * Identity reuse
 * ==============
 *
 * One name and profile behind many contact details and devices (a stolen or lent identity worked by
 * several operators: the Vong case; indicator D4, "incorrect or changing phone numbers and emails"). A
 * repeat applicant keeps one email, one phone and one or two devices however often they apply; a reused
 * identity shows a new email, phone or device on most applications. Fires for an identity with at
 * least `REUSE_MIN_APPS` applications whose distinct emails + phones + devices reach
 * `REUSE_MIN_DIVERSITY` per application.
 */
import { listText, plural, quoted, type AnalysisContext, type Detection } from "../context.js";
import { distinctPerKind, type ClusterFacts } from "../facts.js";
import { K } from "../input.js";
import type { ClusterReason } from "../types.js";

export const REUSE_MIN_APPS = 3;
/** (distinct emails + phones + devices) / applications; a repeat applicant scores about 3 / n. */
export const REUSE_MIN_DIVERSITY = 1.5;

export interface ReuseFinding {
  identity: number;
  apps: number[];
  emails: number;
  phones: number;
  devices: number;
}

export function reuseOf(ctx: AnalysisContext, identity: number): ReuseFinding | null {
  const { ids } = ctx;
  const count = ids.offset[identity + 1]! - ids.offset[identity]!;
  if (count < REUSE_MIN_APPS) return null;
  const apps = Array.from(ids.members.subarray(ids.offset[identity]!, ids.offset[identity + 1]!));
  const d = distinctPerKind(ctx.input, apps);
  const emails = d[K.email]!;
  const phones = d[K.phone]!;
  const devices = d[K.device]!;
  if ((emails + phones + devices) / count < REUSE_MIN_DIVERSITY) return null;
  return { identity, apps, emails, phones, devices };
}

export function detectIdentityReuse(ctx: AnalysisContext, facts: ClusterFacts): Detection {
  const reasons: ClusterReason[] = [];
  let strength = 0;
  for (const p of facts.identities) {
    const f = reuseOf(ctx, p);
    if (!f) continue;
    const a0 = f.apps[0]!;
    const name = ctx.input.apps.fullName[a0] ?? "(no name)";
    const profiles = new Set<string>();
    for (const a of f.apps)
      for (let l = ctx.input.links.offset[a]!; l < ctx.input.links.offset[a + 1]!; l++) {
        const i = ctx.input.links.ident[l]!;
        if (ctx.input.identifiers.kind[i] === K.profile) profiles.add(`profile:${ctx.input.identifiers.key[i]}`);
      }
    reasons.push({
      code: "identity_many_contacts",
      text: `The identity ${quoted(name)}${profiles.size ? ` (${listText([...profiles])})` : ""} applied ${f.apps.length} times with ${plural(f.emails, "email address", "email addresses")}, ${plural(f.phones, "phone number")} and ${plural(f.devices, "device")}, where one person keeps the same few.`,
      identifiers: [...profiles, ...f.apps.map((a) => `application:${ctx.input.apps.ids[a]}`)],
    });
    const diversity = (f.emails + f.phones + f.devices) / f.apps.length;
    strength = Math.max(strength, Math.min(1, (diversity - 1) / 2 + (f.apps.length - REUSE_MIN_APPS) / 10));
  }
  if (!reasons.length) return { pattern: null, strength: 0, reasons: [] };
  return { pattern: "identity_reuse", strength, reasons };
}
