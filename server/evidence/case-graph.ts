/**
 * Case graph
 * ==========
 *
 * A case's members and identifiers as an undirected graphology graph keyed by ref
 * (`application:A-1`, `phone:+15551234567`): the one structure the layout, the picture, the shortest
 * links and the GraphML/GEXF files are all computed from.
 */
import Graph from "graphology";

import type { CaseContents } from "../cases/case-view.js";
import type { IdentifierKind } from "../normalise/types.js";
import { applicationRef } from "../runs/graph-view.js";

export interface CaseNodeAttributes {
  kind: "application" | IdentifierKind;
  /** Application id, or the identifier's normal form (unredacted: writers redact). */
  key: string;
  members: number;
  used_by: number;
  common_infrastructure: boolean;
  pinned: boolean;
  props: Record<string, unknown>;
  x?: number;
  y?: number;
}

export type CaseGraph = Graph<CaseNodeAttributes>;

export function buildCaseGraph(contents: CaseContents, pinnedApplications: string[] = []): CaseGraph {
  const graph: CaseGraph = new Graph({ type: "undirected", multi: false });
  const pinnedApps = new Set(pinnedApplications);
  for (const m of contents.members)
    graph.addNode(applicationRef(m.id), {
      kind: "application",
      key: m.id,
      members: 1,
      used_by: 1,
      common_infrastructure: false,
      pinned: pinnedApps.has(m.id),
      props: m,
    });
  for (const i of contents.identifiers)
    graph.addNode(i.ref, {
      kind: i.kind,
      key: i.key,
      members: i.members,
      used_by: i.used_by,
      common_infrastructure: i.common_infrastructure,
      pinned: i.pinned,
      props: i.props,
    });
  for (const m of contents.members) for (const ref of m.identifiers) graph.mergeEdge(applicationRef(m.id), ref);
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
