/**
 * Honest explanations
 * ===================
 *
 * Shapes that honest groups take and rings rarely do, each lowering the score with its own reason so the
 * investigator sees why a cluster was judged benign:
 *  - household: every identity shares a surname token with the others and nothing stronger than an
 *    address, IP, device or phone is shared (no payroll account, no profile);
 *    neither household reason is given when most of those sharing an address claim to live in another
 *    state (facts.ts, addressNotTheirHome): that address is not their home;
 *  - household shape (names differ: married names, step-families, cultures that keep both surnames): at
 *    most `rules.householdMaxIdentities` identities sharing only what a home shares (address, device, IP);
 *  - one hub: the only thing shared is one phone number or email (a recruiter's or an agency's contact
 *    put on several candidates' forms);
 *  - submitted for others: three or more identities share only the channel they were submitted through
 *    (a device, an IP) and, at most, a contact given on most of their forms; each keeps their own address,
 *    payroll account, profile and contact details. A recruiter's office looks like this; a farm shares
 *    what its personas are paid into, shipped to, or reached by.
 *
 * Points: `score.household`, `score.householdShape`, `score.oneContactHub`, `score.submissionChannel`.
 */
import { identityNames, listText, quoted, ref, type AnalysisContext } from "./context.js";
import { addressNotTheirHome, type ClusterFacts } from "./facts.js";
import { K } from "./input.js";
import type { ClusterReason, ScoreComponent } from "../common/detection.js";

export interface HonestFinding {
  points: ScoreComponent[];
  reasons: ClusterReason[];
}

/** Surname tokens common to every identity's name key (tokens of 2+ letters). */
function commonTokens(ctx: AnalysisContext, identities: readonly number[]): string[] {
  let common: string[] | null = null;
  for (const p of identities) {
    const a = ctx.ids.members[ctx.ids.offset[p]!]!;
    const nk = ctx.input.apps.nameKey[a]!;
    if (nk < 0) return [];
    const tokens: string[] = ctx.input.strings.nameKeys[nk]!.split(" ").filter((t) => t.length >= 2);
    common = common === null ? tokens : common.filter((t) => tokens.includes(t));
    if (!common.length) return [];
  }
  return [...new Set(common ?? [])].sort();
}

const HOME_KINDS = new Set([K.address, K.device, K.ip]);
const CHANNEL_KINDS = new Set([K.device, K.ip]);

export function honestExplanations(ctx: AnalysisContext, facts: ClusterFacts): HonestFinding {
  const out: HonestFinding = { points: [], reasons: [] };
  const { score, rules } = ctx.opts;
  const n = facts.identities.length;
  if (n < 2 || !facts.shared.length) return out;
  const kinds = new Set(facts.shared.map((s) => s.kind));
  let household = false;
  const home = addressNotTheirHome(ctx, facts) === undefined;
  if (home && !kinds.has(K.payment) && !kinds.has(K.profile)) {
    const surname = commonTokens(ctx, facts.identities);
    if (surname.length) {
      household = true;
      out.points.push({ code: "household", points: score.household });
      out.reasons.push({
        code: "household",
        text: `The ${facts.identities.length} identities share the name ${listText(surname.map(quoted))} (${listText(identityNames(ctx, facts.identities).map(quoted))}) and no payroll account or profile: a household looks like this.`,
        identifiers: facts.shared.map((s) => ref(ctx, s.ident)),
      });
    }
  }
  if (home && !household && n <= rules.householdMaxIdentities && [...kinds].every((k) => HOME_KINDS.has(k))) {
    household = true;
    out.points.push({ code: "household_shape", points: score.householdShape });
    out.reasons.push({
      code: "household_shape",
      text: `The ${n} identities share only what one home shares (${listText(facts.shared.map((s) => ref(ctx, s.ident)))}): no payroll account, profile or contact detail; a household looks like this.`,
      identifiers: facts.shared.map((s) => ref(ctx, s.ident)),
    });
  }
  const channel = facts.shared.filter((s) => CHANNEL_KINDS.has(s.kind));
  const contacts = facts.shared.filter((s) => s.kind === K.phone || s.kind === K.email);
  if (
    !household &&
    n >= 3 &&
    channel.some((s) => s.identities.length >= 3) &&
    facts.shared.every((s) => CHANNEL_KINDS.has(s.kind) || s.kind === K.phone || s.kind === K.email) &&
    contacts.every((s) => s.identities.length * 2 >= n)
  ) {
    out.points.push({ code: "submitted_for_others", points: score.submissionChannel });
    out.reasons.push({
      code: "submitted_for_others",
      text: `The ${n} identities share only the channel they were submitted through (${listText(channel.map((s) => ref(ctx, s.ident)))})${contacts.length ? ` and a contact most of them give (${listText(contacts.map((s) => ref(ctx, s.ident)))})` : ""}; each has their own address, payroll account, profile and contact details. A recruiter submitting candidates looks like this.`,
      identifiers: facts.shared.map((s) => ref(ctx, s.ident)),
    });
  }
  const only = facts.shared.length === 1 ? facts.shared[0]! : null;
  if (only && (only.kind === K.phone || only.kind === K.email)) {
    out.points.push({ code: "one_contact_hub", points: score.oneContactHub });
    out.reasons.push({
      code: "one_contact_hub",
      text: `All these identities share is one ${only.kind === K.phone ? "phone number" : "email address"} ${ref(ctx, only.ident)}; a recruiter's or agency's contact on candidates' forms looks like this.`,
      identifiers: [ref(ctx, only.ident)],
    });
  }
  return out;
}
