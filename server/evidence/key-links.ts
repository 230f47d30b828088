/**
 * Shortest links between key applications
 * ========================================
 *
 * Key applications are the pinned ones (when at least two are), otherwise those sharing the most
 * identifiers inside the case. For each pair, the shortest chain of shared identifiers inside the case
 * graph, not walking through identifiers judged common infrastructure. Deterministic: ties broken by id.
 */
import { bidirectional } from "graphology-shortest-path/unweighted";

import type { CaseGraph } from "./case-graph.js";

export interface KeyLink {
  a: string;
  b: string;
  /** Refs along the chain: application, identifier, application, … */
  path: string[];
}

export const DEFAULT_KEY_LINK_OPTIONS = { maxApplications: 5, maxPairs: 10 };

/** Refs of the key applications. */
export function keyApplications(graph: CaseGraph, options = DEFAULT_KEY_LINK_OPTIONS): string[] {
  const apps = graph.filterNodes((_n, a) => a.kind === "application");
  const pinned = apps.filter((n) => graph.getNodeAttribute(n, "pinned")).sort();
  if (pinned.length >= 2) return pinned.slice(0, options.maxApplications);
  const sharedDegree = (n: string) =>
    graph.filterNeighbors(n, (_m, a) => a.members >= 2 && !a.common_infrastructure).length;
  return apps
    .map((n) => ({ n, d: sharedDegree(n) }))
    .sort((x, y) => y.d - x.d || (x.n < y.n ? -1 : 1))
    .slice(0, options.maxApplications)
    .map((x) => x.n);
}

/** Shortest chains between every pair of key applications (at most `maxPairs`), skipping unlinked pairs. */
export function shortestLinks(graph: CaseGraph, apps: string[], options = DEFAULT_KEY_LINK_OPTIONS): KeyLink[] {
  const walkable: CaseGraph = graph.copy();
  walkable.forEachNode((n, a) => {
    if (a.common_infrastructure) walkable.dropNode(n);
  });
  const out: KeyLink[] = [];
  for (let i = 0; i < apps.length && out.length < options.maxPairs; i++)
    for (let j = i + 1; j < apps.length && out.length < options.maxPairs; j++) {
      const [a, b] = [apps[i]!, apps[j]!];
      if (!walkable.hasNode(a) || !walkable.hasNode(b)) continue;
      const path = bidirectional(walkable, a, b);
      if (path) out.push({ a, b, path });
    }
  return out;
}
