/**
 * Reuse candidates
 * ================
 *
 * The applications whose identity reads as reused before one person's typos are folded (typos.ts): the
 * only ones whose own emails, phones and devices a reader needs to fetch for the fold. Pure: the input's
 * identities and the identity-reuse pattern's own test, run with folding off.
 */
import { buildIdentities } from "./identities.js";
import type { DetectionInput } from "./input.js";
import { resolveDetectOptions, type DetectOptionsInput } from "./options.js";
import { reuseOf } from "./patterns/identity-reuse.js";
import { buildUsage } from "./usage.js";

/** Application indexes, ascending; empty when folding is off (`rules.typoMaxEdits` 0). */
export function reuseCandidates(input: DetectionInput, options: DetectOptionsInput = {}): number[] {
  const resolved = resolveDetectOptions(options);
  if (resolved.rules.typoMaxEdits < 1) return [];
  const ids = buildIdentities(input, buildUsage(input));
  const opts = { ...resolved, rules: { ...resolved.rules, typoMaxEdits: 0 } };
  const out: number[] = [];
  for (let p = 0; p < ids.count; p++) {
    if (ids.offset[p + 1]! - ids.offset[p]! < opts.rules.reuseMinApps) continue;
    const found = reuseOf({ input, ids, opts }, p);
    if (found) out.push(...found.apps);
  }
  return out.sort((x, y) => x - y);
}
