/**
 * Louvain split
 * =============
 *
 * Splits a large, loosely knit component into communities. Only the component becomes a graphology
 * graph: identities as nodes, and for each live identifier used by k of them an edge between every pair
 * weighing `kindWeight / log2(k + 1)` (IDF-like: the more identities share it, the less each pair
 * says, but a group sharing one address stays more tightly knit than any single link leaving it). The
 * partition is used when Louvain finds real structure (modularity at least `louvainMinModularity`); a
 * tight ring, which is one clique, stays whole.
 *
 * Chains are never cut: two identities joined by an identifier of a non-weak kind (kindWeight above
 * `rules.weakKindWeight`: anything but an IP) that at most `rules.strongRareMaxIdentities` (3) identities
 * use, each of them strongly linked to at most two others, are contracted into one node before Louvain
 * runs. A chain of personas each sharing a payroll account, a device or a phone with the next has one such
 * link per step and nothing else; left to modularity it is cut wherever a busier neighbourhood pulls, and
 * half a ring is missed. A member of a tight group (strongly linked to three or more) is not contracted
 * with anyone: a single rare link out of such a group is still a place to cut.
 *
 * Nor is a ring cut through its anchor: Louvain's communities are joined again when an identifier of a
 * non-weak kind is used by `rules.anchorMinPerSide` (2) or more identities in each of them. A farm whose
 * personas use the farm's address and payroll account only half the time is knit by its laptops into
 * subgroups that modularity prefers apart, yet every subgroup ships to the same address; two groups joined
 * by one stray email (one identity on each side) are still cut.
 */
import Graph from "graphology";
import louvain from "graphology-communities-louvain";

import { IDENTIFIER_KINDS } from "../common/identifiers.js";
import type { LinkDecision } from "./common-infrastructure.js";
import type { IdentityLinks } from "./identity-links.js";
import type { DetectionInput } from "./input.js";
import type { DetectOptions } from "./options.js";
import { mulberry32 } from "./rng.js";
import { UnionFind } from "./union-find.js";

export interface SplitResult {
  parts: number[][];
  modularity: number | null;
}

/** Identifiers used by more identities than this join them through a star, not a clique (edges stay linear). */
export const CLIQUE_MAX = 12;

/**
 * The weighted identity graph of one component (exported for tests and for per-cluster metrics). Nodes
 * are identity indexes as strings; an identifier with more than CLIQUE_MAX identities becomes a node of
 * its own, `i<ident>`, joined to each with weight `kindWeight` (a star: k edges instead of k²/2).
 */
export function componentGraph(
  input: DetectionInput,
  links: IdentityLinks,
  decision: LinkDecision,
  identities: readonly number[],
  opts: DetectOptions,
  node: (identity: number) => string = String,
): Graph {
  const graph = new Graph({ type: "undirected" });
  for (const p of identities) if (!graph.hasNode(node(p))) graph.addNode(node(p));
  const seen = new Set<number>();
  const { offset, members } = links.byIdentity;
  for (const p of identities)
    for (let m = offset[p]!; m < offset[p + 1]!; m++) if (decision.live[members[m]!]) seen.add(members[m]!);
  const idents = [...seen].sort((a, b) => a - b);
  // Pair weights accumulate in a map first: graphology's per-edge updates dominate otherwise.
  const pair = new Map<string, number>();
  const add = (a: string, b: string, w: number) => {
    if (a === b) return;
    const key = a < b ? `${a}|${b}` : `${b}|${a}`;
    pair.set(key, (pair.get(key) ?? 0) + w);
  };
  for (const i of idents) {
    const from = links.byIdent.offset[i]!;
    const to = links.byIdent.offset[i + 1]!;
    const weight = opts.kindWeight[IDENTIFIER_KINDS[input.identifiers.kind[i]!]!];
    if (to - from > CLIQUE_MAX) {
      const hub = `i${i}`;
      graph.addNode(hub);
      for (let x = from; x < to; x++) add(hub, node(links.byIdent.members[x]!), weight);
      continue;
    }
    const w = weight / Math.log2(to - from + 1);
    for (let x = from; x < to; x++)
      for (let y = x + 1; y < to; y++) add(node(links.byIdent.members[x]!), node(links.byIdent.members[y]!), w);
  }
  for (const [key, weight] of pair) {
    const bar = key.indexOf("|");
    graph.addEdge(key.slice(0, bar), key.slice(bar + 1), { weight });
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
  const node = strongRareNodes(input, links, decision, identities, opts);
  const graph = componentGraph(input, links, decision, identities, opts, node);
  if (graph.order < 2) return { parts: [[...identities]], modularity: null };
  const result = louvain.detailed(graph, {
    getEdgeWeight: "weight",
    resolution: opts.louvainResolution,
    rng: mulberry32(seed),
  });
  if (result.count < 2 || result.modularity < opts.louvainMinModularity)
    return { parts: [[...identities]], modularity: result.modularity };
  const community = rejoinAnchored(input, links, decision, identities, (p) => result.communities[node(p)]!, opts);
  const byCommunity = new Map<number, number[]>();
  for (const p of identities) {
    const c = community(p);
    let list = byCommunity.get(c);
    if (!list) byCommunity.set(c, (list = []));
    list.push(p);
  }
  if (byCommunity.size < 2) return { parts: [[...identities]], modularity: result.modularity };
  const parts = [...byCommunity.values()].sort((a, b) => a[0]! - b[0]!);
  return { parts, modularity: result.modularity };
}

/**
 * Communities joined again where a live identifier of a non-weak kind is used by at least
 * `rules.anchorMinPerSide` identities in each of two of them; returns the community of each identity.
 */
export function rejoinAnchored(
  input: DetectionInput,
  links: IdentityLinks,
  decision: LinkDecision,
  identities: readonly number[],
  communityOf: (identity: number) => number,
  opts: DetectOptions,
): (identity: number) => number {
  const inside = new Set(identities);
  const ids = new Map<number, number>();
  const index = (c: number) => {
    let j = ids.get(c);
    if (j === undefined) ids.set(c, (j = ids.size));
    return j;
  };
  for (const p of identities) index(communityOf(p));
  const uf = new UnionFind(ids.size);
  const seen = new Set<number>();
  const perCommunity = new Map<number, number>();
  for (const p of identities)
    for (let m = links.byIdentity.offset[p]!; m < links.byIdentity.offset[p + 1]!; m++) {
      const i = links.byIdentity.members[m]!;
      if (seen.has(i)) continue;
      seen.add(i);
      const weight = opts.kindWeight[IDENTIFIER_KINDS[input.identifiers.kind[i]!]!];
      if (!decision.live[i] || weight <= opts.rules.weakKindWeight) continue;
      perCommunity.clear();
      for (let x = links.byIdent.offset[i]!; x < links.byIdent.offset[i + 1]!; x++) {
        const q = links.byIdent.members[x]!;
        if (!inside.has(q)) continue;
        const c = index(communityOf(q));
        perCommunity.set(c, (perCommunity.get(c) ?? 0) + 1);
      }
      let first = -1;
      for (const [c, n] of perCommunity) {
        if (n < opts.rules.anchorMinPerSide) continue;
        if (first < 0) first = c;
        else uf.union(first, c);
      }
    }
  return (p: number) => uf.find(index(communityOf(p)));
}

/** Node of each identity: identities joined by strong, rare identifiers share one (named by the smallest). */
export function strongRareNodes(
  input: DetectionInput,
  links: IdentityLinks,
  decision: LinkDecision,
  identities: readonly number[],
  opts: DetectOptions,
): (identity: number) => string {
  const index = new Map<number, number>();
  identities.forEach((p, j) => index.set(p, j));
  const uf = new UnionFind(identities.length);
  const { offset, members } = links.byIdentity;
  const max = opts.rules.strongRareMaxIdentities;
  const strong = (i: number) =>
    decision.live[i] === 1 &&
    opts.kindWeight[IDENTIFIER_KINDS[input.identifiers.kind[i]!]!] > opts.rules.weakKindWeight;
  // Distinct identities each one shares a strong identifier with (capped: only "at most two" matters).
  const degree = new Int32Array(identities.length);
  const seen = new Set<number>();
  identities.forEach((p, j) => {
    seen.clear();
    for (let m = offset[p]!; m < offset[p + 1]! && seen.size <= 2; m++) {
      const i = members[m]!;
      if (!strong(i)) continue;
      for (let x = links.byIdent.offset[i]!; x < links.byIdent.offset[i + 1]!; x++)
        if (links.byIdent.members[x]! !== p) seen.add(links.byIdent.members[x]!);
    }
    degree[j] = seen.size;
  });
  identities.forEach((p, j) => {
    if (degree[j]! > 2) return;
    for (let m = offset[p]!; m < offset[p + 1]!; m++) {
      const i = members[m]!;
      if (!strong(i) || links.identities[i]! > max) continue;
      for (let x = links.byIdent.offset[i]!; x < links.byIdent.offset[i + 1]!; x++) {
        const q = index.get(links.byIdent.members[x]!);
        if (q !== undefined && degree[q]! <= 2) uf.union(j, q);
      }
    }
  });
  const smallest = new Map<number, number>();
  identities.forEach((p, j) => {
    const r = uf.find(j);
    const cur = smallest.get(r);
    if (cur === undefined || p < cur) smallest.set(r, p);
  });
  return (p: number) => String(smallest.get(uf.find(index.get(p)!))!);
}
