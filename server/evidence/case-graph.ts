/**
 * Case graph
 * ==========
 *
 * The redacted view's members and identifiers as an undirected graphology graph keyed by export node
 * id (`application:A-1`, `I-…` for identifiers): the one structure the layout, the picture, the shortest
 * links and the GraphML/GEXF files are all computed from. Built from the view only, so every label is
 * already what the export shows.
 */
import Graph from "graphology";

import type { IdentifierKind } from "../normalise/types.js";
import type { EvidenceView } from "./view.js";

export interface CaseNodeAttributes {
  kind: "application" | IdentifierKind;
  /** Application id, or the identifier's normal form as shown. */
  label: string;
  members: number;
  used_by: number;
  common_infrastructure: boolean;
  pinned: boolean;
  x?: number;
  y?: number;
}

export type CaseGraph = Graph<CaseNodeAttributes>;

export function buildCaseGraph(view: Pick<EvidenceView, "members" | "identifiers" | "links">): CaseGraph {
  const graph: CaseGraph = new Graph({ type: "undirected", multi: false });
  for (const m of view.members)
    graph.addNode(m.nodeId, {
      kind: "application",
      label: m.id,
      members: 1,
      used_by: 1,
      common_infrastructure: false,
      pinned: m.pinned,
    });
  for (const i of view.identifiers)
    graph.addNode(i.nodeId, {
      kind: i.kind,
      label: i.value,
      members: i.members,
      used_by: i.used_by,
      common_infrastructure: i.common_infrastructure,
      pinned: i.pinned,
    });
  for (const l of view.links) graph.mergeEdge(l.application, l.identifier);
  return graph;
}

/** The part worth drawing: applications plus identifiers shared inside the case (or pinned). */
export function sharedSubgraph(graph: CaseGraph): CaseGraph {
  const sub: CaseGraph = graph.emptyCopy();
  graph.forEachNode((n, a) => {
    if (a.kind !== "application" && a.members < 2 && !a.pinned) sub.dropNode(n);
  });
  graph.forEachEdge((_e, _a, s, t) => {
    if (sub.hasNode(s) && sub.hasNode(t)) sub.mergeEdge(s, t);
  });
  return sub;
}
