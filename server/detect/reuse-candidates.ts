/**
 * Reuse candidates
 * ================
 *
 * The applications whose identity reads as reused before one person's typos are folded (typos.ts): the
 * only ones whose own emails, phones and devices a reader needs to fetch for the fold. Pure: the input's
 * identities and the identity-reuse pattern's own test, run with folding off. A detection pass asks
 * only about the identities of the components it recomputes (detect.ts, `DetectionPass.reuseCandidates`).
 */
import { buildIdentities, type Identities } from "./identities.js";
import type { DetectionInput } from "./input.js";
import { resolveDetectOptions, type DetectOptions, type DetectOptionsInput } from "./options.js";
import { reuseOf } from "./patterns/identity-reuse.js";
import { buildUsage } from "./usage.js";

/**
 * Applications (ascending) of those of `identities` whose applications read as a reused identity with
 * folding off; empty when folding is off (`rules.typoMaxEdits` 0).
 */
export function reuseCandidatesAmong(
  input: DetectionInput,
  ids: Identities,
  opts: DetectOptions,
  identities: Iterable<number>,
): number[] {
  if (opts.rules.typoMaxEdits < 1) return [];
  const unfolded = { input, ids, opts: { ...opts, rules: { ...opts.rules, typoMaxEdits: 0 } } };
  const out: number[] = [];
  for (const p of identities) {
    if (ids.offset[p + 1]! - ids.offset[p]! < opts.rules.reuseMinApps) continue;
    const found = reuseOf(unfolded, p);
    if (found) out.push(...found.apps);
  }
  return out.sort((x, y) => x - y);
}

/** Over every identity of the input (callers holding the records in process: eval, tests). */
export function reuseCandidates(input: DetectionInput, options: DetectOptionsInput = {}): number[] {
  const ids = buildIdentities(input, buildUsage(input));
  const all = Array.from({ length: ids.count }, (_, p) => p);
  return reuseCandidatesAmong(input, ids, resolveDetectOptions(options), all);
}
