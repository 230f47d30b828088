/**
 * Why-linked paths
 * ================
 *
 * An explanation (`GET /api/explain?a=&b=`) as graph data: the chains' nodes are merged into the graph
 * (a chain may pass through applications outside the cluster) and their nodes and edges become the
 * highlight the reducers draw.
 */
import type { Explanation } from "../../server/common/api/clusters.js";
import { addPayload, type MergeResult } from "./build-graph.js";
import { edgeKey, type GraphEdge, type InvestigationGraph } from "./model.js";

export type { Explanation };

export interface PathHighlight {
  nodes: ReadonlySet<string>;
  edges: ReadonlySet<string>;
}

/** The tag path nodes carry in `addedBy`, so clearing the explanation removes exactly them. */
export const pathTag = (a: string, b: string) => `why:${a}|${b}`;

function chainEdges(ids: string[]): GraphEdge[] {
  const edges: GraphEdge[] = [];
  for (let i = 0; i + 1 < ids.length; i++) edges.push({ source: ids[i]!, target: ids[i + 1]! });
  return edges;
}

/** Merges the explanation's chains into the graph (mutates it). */
export function addExplanation(
  graph: InvestigationGraph,
  explanation: Explanation,
  commonRefs?: ReadonlySet<string>,
): MergeResult {
  const nodes = explanation.paths.flatMap((p) => p.nodes);
  const edges = explanation.paths.flatMap((p) => chainEdges(p.nodes.map((n) => n.id)));
  return addPayload(
    graph,
    { nodes, edges },
    { origin: "path", addedBy: pathTag(explanation.a, explanation.b), commonRefs },
  );
}

/** Nodes and edge keys on any of the explanation's chains (empty when they are not linked). */
export function pathHighlight(explanation: Pick<Explanation, "paths">): PathHighlight {
  const nodes = new Set<string>();
  const edges = new Set<string>();
  for (const p of explanation.paths) {
    const ids = p.nodes.map((n) => n.id);
    for (const id of ids) nodes.add(id);
    for (const e of chainEdges(ids)) edges.add(edgeKey(e.source, e.target));
  }
  return { nodes, edges };
}
