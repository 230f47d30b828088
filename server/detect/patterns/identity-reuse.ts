/**
 * Identity reuse
 * ==============
 *
 * One name and profile behind many contact details and devices (a stolen or lent identity worked by
 * several operators: the Vong and Knoot cases; indicator D4, "incorrect or changing phone numbers and
 * emails"). A repeat applicant keeps one email and one phone (typed differently perhaps, but with one
 * normal form) and one or two devices however often they apply; a reused identity shows a new mailbox
 * and a new phone or device per operator. Fires for an identity with at least `rules.reuseMinApps` (3)
 * applications that present one profile (the identity's anchor), `rules.reuseMinDistinct` (3) or more
 * distinct emails, and as many distinct phones or devices. Values one typo apart count as one (typos.ts:
 * a repeat applicant's mistyped mailbox is not a second mailbox).
 */
import { listText, none, plural, quoted, type AnalysisContext, type Detection } from "../context.js";
import { distinctPerKind, type ClusterFacts } from "../facts.js";
import { K } from "../input.js";
import { distinctFolded } from "../typos.js";
import type { ClusterReason } from "../../common/detection.js";

/** What the pattern's test reads: the input, its identities and the options. */
export type ReuseContext = Pick<AnalysisContext, "input" | "ids" | "opts">;

export interface ReuseFinding {
  identity: number;
  apps: number[];
  emails: number;
  phones: number;
  devices: number;
}

/** Whether one profile appears on at least `rules.reuseMinApps` of the applications. */
function sharedProfile(ctx: ReuseContext, apps: readonly number[]): boolean {
  const min = ctx.opts.rules.reuseMinApps;
  const uses = new Map<number, number>();
  for (const a of apps)
    for (let l = ctx.input.links.offset[a]!; l < ctx.input.links.offset[a + 1]!; l++) {
      const i = ctx.input.links.ident[l]!;
      if (ctx.input.identifiers.kind[i] !== K.profile) continue;
      const n = (uses.get(i) ?? 0) + 1;
      if (n >= min) return true;
      uses.set(i, n);
    }
  return false;
}

export function reuseOf(ctx: ReuseContext, identity: number): ReuseFinding | null {
  const { ids } = ctx;
  const { reuseMinApps, reuseMinDistinct, typoMaxEdits } = ctx.opts.rules;
  const count = ids.offset[identity + 1]! - ids.offset[identity]!;
  if (count < reuseMinApps) return null;
  const apps = Array.from(ids.members.subarray(ids.offset[identity]!, ids.offset[identity + 1]!));
  if (!sharedProfile(ctx, apps)) return null;
  let d = distinctPerKind(ctx.input, apps);
  const reads = (c: number[]) =>
    c[K.email]! >= reuseMinDistinct && Math.max(c[K.phone]!, c[K.device]!) >= reuseMinDistinct;
  if (!reads(d)) return null;
  // One person's typos are one value (typos.ts), when the input carries this identity's values.
  if (typoMaxEdits > 0) d = distinctFolded(ctx.input, apps, typoMaxEdits) ?? d;
  if (!reads(d)) return null;
  return { identity, apps, emails: d[K.email]!, phones: d[K.phone]!, devices: d[K.device]! };
}

export function detectIdentityReuse(ctx: AnalysisContext, facts: ClusterFacts): Detection {
  const reasons: ClusterReason[] = [];
  let strength = 0;
  for (const p of facts.identities) {
    const f = reuseOf(ctx, p);
    if (!f) continue;
    const name = ctx.input.apps.fullName[f.apps[0]!] ?? "(no name)";
    const profiles = new Set<string>();
    for (const a of f.apps)
      for (let l = ctx.input.links.offset[a]!; l < ctx.input.links.offset[a + 1]!; l++) {
        const i = ctx.input.links.ident[l]!;
        if (ctx.input.identifiers.kind[i] === K.profile) profiles.add(`profile:${ctx.input.identifiers.key[i]}`);
      }
    reasons.push({
      code: "identity_many_contacts",
      text: `The identity ${quoted(name)}${profiles.size ? ` (${listText([...profiles])})` : ""} applied ${f.apps.length} times with ${plural(f.emails, "email address", "email addresses")}, ${plural(f.phones, "phone number")} and ${plural(f.devices, "device")}, where one person keeps one or two of each.`,
      identifiers: [...profiles, ...f.apps.map((a) => `application:${ctx.input.apps.ids[a]}`)],
    });
    const distinct = Math.min(f.emails, Math.max(f.phones, f.devices));
    strength = Math.max(strength, Math.min(1, (distinct - ctx.opts.rules.reuseMinDistinct) / 4));
  }
  if (!reasons.length) return none("identity_reuse");
  return { code: "identity_reuse", pattern: "identity_reuse", strength, reasons };
}
