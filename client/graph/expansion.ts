/**
 * Expand and collapse
 * ===================
 *
 * "Expand" merges one page of a node's neighbours (`GET /api/nodes/:ref/neighbours`) into the graph and
 * remembers which expansion brought each node and edge in; "collapse" takes out exactly what that
 * expansion added and nothing another expansion, the cluster or a why-linked path still needs.
 */
import type { Neighbourhood } from "../../server/common/api/clusters.js";
import { addPayload, type MergeResult } from "./build-graph.js";
import type { InvestigationGraph } from "./model.js";

export type NeighbourhoodPage = Pick<Neighbourhood, "node" | "neighbours" | "edges" | "total" | "offset" | "more">;

/** How far an expansion has got: what the "N more" control shows. */
export interface ExpansionProgress {
  loaded: number;
  total: number;
  more: number;
}

/** Adds a page of neighbours (mutates the graph); returns what was new. */
export function addNeighbourhood(
  graph: InvestigationGraph,
  page: NeighbourhoodPage,
  commonRefs?: ReadonlySet<string>,
): MergeResult {
  const payload = { nodes: [page.node, ...page.neighbours], edges: page.edges };
  return addPayload(graph, payload, { origin: "expand", addedBy: page.node.id, commonRefs });
}

export function progressAfter(previous: ExpansionProgress | undefined, page: NeighbourhoodPage): ExpansionProgress {
  const loaded = (previous && page.offset > 0 ? previous.loaded : 0) + page.neighbours.length;
  return { loaded, total: page.total, more: page.more };
}

/**
 * Removes what the expansion of `ref` (or a why-linked path tagged `ref`) added (mutates the graph);
 * returns the dropped node keys. The expanded node itself stays.
 */
export function collapseExpansion(graph: InvestigationGraph, ref: string): string[] {
  const dropped: string[] = [];
  const edges = graph.filterEdges((_, a) => a.addedBy.includes(ref));
  for (const edge of edges) {
    const attrs = graph.getEdgeAttributes(edge);
    const rest = attrs.addedBy.filter((r) => r !== ref);
    if (attrs.origin !== "cluster" && rest.length === 0) graph.dropEdge(edge);
    else graph.setEdgeAttribute(edge, "addedBy", rest);
  }
  const nodes = graph.filterNodes((_, a) => a.addedBy.includes(ref));
  for (const node of nodes) {
    const attrs = graph.getNodeAttributes(node);
    const rest = attrs.addedBy.filter((r) => r !== ref);
    if (attrs.origin !== "cluster" && rest.length === 0 && node !== ref) {
      graph.dropNode(node);
      dropped.push(node);
    } else graph.setNodeAttribute(node, "addedBy", rest);
  }
  return dropped;
}
