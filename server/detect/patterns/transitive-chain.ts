/**
 * Transitive chain
 * ================
 *
 * Identities linked only pairwise, each step through a different kind of identifier (a referral chain
 * with shared infrastructure, Mandiant's IR case; facilitators lending a number here, an account there):
 * nobody in the cluster shares anything with more than two others, yet `rules.chainMinIdentities` (3) or
 * more identities hang together through `rules.chainMinKinds` (2) or more kinds of identifier (in a group
 * no larger than a household, every link strictly between two). Households, offices and recruiters
 * produce the opposite shape (everyone sharing the same few things). Reported under the generic
 * shared_infrastructure pattern, with its own reason.
 */
import { identityNames, none, quoted, ref, type AnalysisContext, type Detection } from "../context.js";
import type { ClusterFacts } from "../facts.js";
import { IDENTIFIER_KINDS } from "../../normalise/types.js";

interface Step {
  to: number;
  ident: number;
}

/** The identities along a longest path of the (tree-like) link graph, found by two breadth-first passes. */
function longestPath(adjacency: Map<number, Step[]>, start: number): { path: number[]; via: number[] } {
  const bfs = (from: number) => {
    const prev = new Map<number, Step & { from: number }>();
    const seen = new Set([from]);
    let last = from;
    const queue = [from];
    while (queue.length) {
      const x = queue.shift()!;
      last = x;
      for (const s of adjacency.get(x) ?? [])
        if (!seen.has(s.to)) {
          seen.add(s.to);
          prev.set(s.to, { ...s, from: x });
          queue.push(s.to);
        }
    }
    return { last, prev };
  };
  const end = bfs(start).last;
  const { last, prev } = bfs(end);
  const path = [last];
  const via: number[] = [];
  for (let x = last; prev.has(x);) {
    const p = prev.get(x)!;
    via.push(p.ident);
    path.push(p.from);
    x = p.from;
  }
  return { path, via };
}

export function detectTransitiveChain(ctx: AnalysisContext, facts: ClusterFacts): Detection {
  const { chainMinIdentities, chainMinKinds, householdMaxIdentities } = ctx.opts.rules;
  const n = facts.identities.length;
  if (n < chainMinIdentities || !facts.shared.length) return none("transitive_chain");
  if (facts.shared.some((s) => s.identities.length > 3)) return none("transitive_chain");
  // A small group: every link strictly pairwise (one identifier shared by all of three is a group, not a chain).
  if (n <= householdMaxIdentities && facts.shared.some((s) => s.identities.length > 2)) return none("transitive_chain");
  const pairwise = facts.shared.filter((s) => s.identities.length === 2);
  if (pairwise.length * 5 < facts.shared.length * 4) return none("transitive_chain");
  const kinds = new Set(facts.shared.map((s) => s.kind));
  if (kinds.size < chainMinKinds) return none("transitive_chain");
  // Thin: about one link per identity, not a web where everyone knows everyone.
  const pairs = new Set<string>();
  const adjacency = new Map<number, Step[]>();
  for (const s of facts.shared)
    for (let x = 0; x < s.identities.length; x++)
      for (let y = x + 1; y < s.identities.length; y++) {
        const a = s.identities[x]!;
        const b = s.identities[y]!;
        pairs.add(`${a}|${b}`);
        if (!adjacency.has(a)) adjacency.set(a, []);
        if (!adjacency.has(b)) adjacency.set(b, []);
        adjacency.get(a)!.push({ to: b, ident: s.ident });
        adjacency.get(b)!.push({ to: a, ident: s.ident });
      }
  if (pairs.size > n + 1) return none("transitive_chain");
  const { path, via } = longestPath(adjacency, facts.identities[0]!);
  const names = identityNames(ctx, path).map(quoted);
  let text = names[0]!;
  for (let j = 0; j < via.length; j++) text += ` —${ref(ctx, via[j]!)}→ ${names[j + 1]}`;
  const rest = facts.shared.length - via.length;
  const kindNames = [...kinds].sort((a, b) => a - b).map((k) => IDENTIFIER_KINDS[k]);
  return {
    code: "transitive_chain",
    pattern: "shared_infrastructure",
    strength: Math.min(1, (kinds.size - chainMinKinds) / 3 + (n - chainMinIdentities) / 8),
    reasons: [
      {
        code: "transitive_chain",
        text: `${n} identities are linked only pairwise, each step through another kind of identifier (${kindNames.join(", ")}): ${text}${rest > 0 ? `, and ${rest} more link${rest === 1 ? "" : "s"}` : ""}.`,
        identifiers: facts.shared.map((s) => ref(ctx, s.ident)),
      },
    ],
  };
}
