/**
 * Honest explanations
 * ===================
 *
 * Shapes that honest groups take and rings rarely do, each lowering the score with its own reason so the
 * investigator sees why a cluster was judged benign:
 *  - household: every identity shares a surname token with the others and nothing stronger than an
 *    address, IP, device or phone is shared (no payroll account, no profile);
 *  - one hub: the only thing shared is one phone number or email (a recruiter's or an agency's contact
 *    put on several candidates' forms).
 */
import { identityNames, listText, quoted, ref, type AnalysisContext } from "./context.js";
import type { ClusterFacts } from "./facts.js";
import { K } from "./input.js";
import type { ClusterReason, ScoreComponent } from "./types.js";

export const FAMILY_POINTS = -25;
export const ONE_HUB_POINTS = -20;

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

export function honestExplanations(ctx: AnalysisContext, facts: ClusterFacts): HonestFinding {
  const out: HonestFinding = { points: [], reasons: [] };
  if (facts.identities.length < 2 || !facts.shared.length) return out;
  const kinds = new Set(facts.shared.map((s) => s.kind));
  if (!kinds.has(K.payment) && !kinds.has(K.profile)) {
    const surname = commonTokens(ctx, facts.identities);
    if (surname.length) {
      out.points.push({ code: "household", points: FAMILY_POINTS });
      out.reasons.push({
        code: "household",
        text: `The ${facts.identities.length} identities share the name ${listText(surname.map(quoted))} (${listText(identityNames(ctx, facts.identities).map(quoted))}) and no payroll account or profile: a household looks like this.`,
        identifiers: facts.shared.map((s) => ref(ctx, s.ident)),
      });
    }
  }
  const only = facts.shared.length === 1 ? facts.shared[0]! : null;
  if (only && (only.kind === K.phone || only.kind === K.email)) {
    out.points.push({ code: "one_contact_hub", points: ONE_HUB_POINTS });
    out.reasons.push({
      code: "one_contact_hub",
      text: `All these identities share is one ${only.kind === K.phone ? "phone number" : "email address"} ${ref(ctx, only.ident)}; a recruiter's or agency's contact on candidates' forms looks like this.`,
      identifiers: [ref(ctx, only.ident)],
    });
  }
  return out;
}
