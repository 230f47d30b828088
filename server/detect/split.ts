/**
 * Louvain split
 * =============
 *
 * Splits a large, loosely knit component into communities. Only the component becomes a graphology
 * graph: identities as nodes, and for each live identifier used by k of them an edge between every pair
 * weighing `kindWeight / (k - 1)` (a hyperedge spread over its pairs, so an address shared by forty
 * counts as much in total as one shared by two, not 780 times more). The partition is used when
 * Louvain finds real structure (modularity at least `louvainMinModularity`); a tight ring, which is
 * one clique, stays whole.
 */
import Graph from "graphology";
import louvain from "graphology-communities-louvain";

import { IDENTIFIER_KINDS } from "../normalise/types.js";
import type { LinkDecision } from "./common-infrastructure.js";
import type { IdentityLinks } from "./identity-links.js";
import type { DetectionInput } from "./input.js";
import type { DetectOptions } from "./options.js";
import { mulberry32 } from "./rng.js";

export interface SplitResult {
  parts: number[][];
  modularity: number | null;
}

/** The weighted identity graph of one component (exported for tests and for per-cluster metrics). */
export function componentGraph(
  input: DetectionInput,
  links: IdentityLinks,
  decision: LinkDecision,
  identities: readonly number[],
  opts: DetectOptions,
): Graph {
  const graph = new Graph({ type: "undirected" });
  for (const p of identities) graph.addNode(String(p));
  const seen = new Set<number>();
  const { offset, members } = links.byIdentity;
  for (const p of identities)
    for (let m = offset[p]!; m < offset[p + 1]!; m++) if (decision.live[members[m]!]) seen.add(members[m]!);
  const idents = [...seen].sort((a, b) => a - b);
  for (const i of idents) {
    const from = links.byIdent.offset[i]!;
    const to = links.byIdent.offset[i + 1]!;
    const w = opts.kindWeight[IDENTIFIER_KINDS[input.identifiers.kind[i]!]!] / (to - from - 1);
    for (let x = from; x < to; x++) {
      const a = String(links.byIdent.members[x]!);
      for (let y = x + 1; y < to; y++) {
        const b = String(links.byIdent.members[y]!);
        graph.updateEdge(a, b, (attr) => ({ weight: ((attr.weight as number | undefined) ?? 0) + w }));
      }
    }
  }
  return graph;
}

export function splitComponent(
  input: DetectionInput,
  links: IdentityLinks,
  decision: LinkDecision,
  identities: readonly number[],
  seed: number,
  opts: DetectOptions,
): SplitResult {
  if (identities.length < opts.louvainMinIdentities) return { parts: [[...identities]], modularity: null };
  const graph = componentGraph(input, links, decision, identities, opts);
  const result = louvain.detailed(graph, {
    getEdgeWeight: "weight",
    resolution: opts.louvainResolution,
    rng: mulberry32(seed),
  });
  if (result.count < 2 || result.modularity < opts.louvainMinModularity)
    return { parts: [[...identities]], modularity: result.modularity };
  const byCommunity = new Map<number, number[]>();
  for (const p of identities) {
    const c = result.communities[String(p)]!;
    let list = byCommunity.get(c);
    if (!list) byCommunity.set(c, (list = []));
    list.push(p);
  }
  const parts = [...byCommunity.values()].sort((a, b) => a[0]! - b[0]!);
  return { parts, modularity: result.modularity };
}
