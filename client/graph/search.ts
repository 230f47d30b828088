/**
 * Search in the graph
 * ===================
 *
 * Finds nodes by what an investigator types: a name, an application id or an identifier's value (its
 * normal form or a part of it). Exact matches first, then prefixes, then substrings; applications before
 * identifiers; ties by key, so the first match (where the camera goes) is stable.
 */
import { keyOfRef } from "./kinds.js";
import type { InvestigationGraph } from "./model.js";

export interface SearchMatch {
  node: string;
  label: string;
  /** 0 exact, 1 prefix, 2 substring. */
  rank: number;
}

function fold(s: string): string {
  return s.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase().trim();
}

export function searchGraph(graph: InvestigationGraph, query: string, limit = 20): SearchMatch[] {
  const q = fold(query);
  if (q.length === 0) return [];
  const out: (SearchMatch & { app: number })[] = [];
  graph.forEachNode((node, a) => {
    let best = 3;
    for (const text of [a.label, keyOfRef(node)]) {
      const t = fold(text);
      const r = t === q ? 0 : t.startsWith(q) ? 1 : t.includes(q) ? 2 : 3;
      if (r < best) best = r;
    }
    if (best < 3) out.push({ node, label: a.label, rank: best, app: a.kind === "application" ? 0 : 1 });
  });
  out.sort((x, y) => x.rank - y.rank || x.app - y.app || (x.node < y.node ? -1 : 1));
  return out.slice(0, limit).map(({ node, label, rank }) => ({ node, label, rank }));
}
