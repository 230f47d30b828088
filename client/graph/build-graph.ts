/**
 * Build graph
 * ===========
 *
 * Turns API graph payloads (cluster subgraph, expand pages, explanation paths) into the investigation
 * graph. Idempotent: nodes and edges are merged by key, so a node already drawn keeps its position and
 * only gains provenance. No DOM, no sigma; tested in Node.
 */
import { KIND_STYLES, isNodeKind } from "./kinds.js";
import { displayLabel } from "./labels.js";
import {
  createInvestigationGraph,
  edgeKey,
  type GraphEdge,
  type GraphNode,
  type InvestigationGraph,
  type NodeAttrs,
  type Origin,
} from "./model.js";
import { assignSizesByDegree, sizeScaleFor } from "./size-by-degree.js";

export interface GraphPayload {
  nodes: GraphNode[];
  edges: GraphEdge[];
}

/** Weight of an edge touching common infrastructure, relative to 1 for a real link. */
export const COMMON_EDGE_WEIGHT = 0.05;

function timeOf(value: unknown): number | null {
  if (typeof value !== "string") return null;
  const t = Date.parse(value);
  return Number.isNaN(t) ? null : t;
}

export interface AddOptions {
  origin: Origin;
  /** The ref of the expansion, for "expand" (so collapse can take exactly these out). */
  addedBy?: string | null;
  /** Refs the run judged common infrastructure (expand and path answers do not flag them themselves). */
  commonRefs?: ReadonlySet<string>;
}

function nodeAttrs(n: GraphNode, o: AddOptions): NodeAttrs | null {
  if (!isNodeKind(n.kind)) return null;
  const addedBy = o.addedBy ?? null;
  const style = KIND_STYLES[n.kind];
  return {
    kind: n.kind,
    label: displayLabel(n.kind, n.label, n.attributes),
    type: "shape",
    color: style.color,
    x: 0,
    y: 0,
    size: style.baseSize,
    common: n.attributes.common_infrastructure === true || (o.commonRefs?.has(n.id) ?? false),
    submittedAt: n.kind === "application" ? timeOf(n.attributes.submitted_at) : null,
    origin: o.origin,
    addedBy: addedBy ? [addedBy] : [],
    data: { ...n.attributes },
  };
}

export interface MergeResult {
  addedNodes: string[];
  addedEdges: string[];
}

/**
 * Adds a payload's nodes and edges to the graph (mutates it). Nodes of unknown kind and edges whose
 * ends are missing are skipped. Existing nodes keep their attributes; they only record `addedBy`.
 */
export function addPayload(graph: InvestigationGraph, payload: GraphPayload, options: AddOptions): MergeResult {
  const addedBy = options.addedBy ?? null;
  const origin = options.origin;
  const addedNodes: string[] = [];
  const addedEdges: string[] = [];
  for (const n of payload.nodes) {
    if (graph.hasNode(n.id)) {
      const attrs = graph.getNodeAttributes(n.id);
      if (addedBy && attrs.origin !== "cluster" && !attrs.addedBy.includes(addedBy))
        graph.setNodeAttribute(n.id, "addedBy", [...attrs.addedBy, addedBy]);
      continue;
    }
    const attrs = nodeAttrs(n, options);
    if (!attrs) continue;
    graph.addNode(n.id, attrs);
    addedNodes.push(n.id);
  }
  for (const e of payload.edges) {
    if (e.source === e.target || !graph.hasNode(e.source) || !graph.hasNode(e.target)) continue;
    const key = edgeKey(e.source, e.target);
    if (graph.hasEdge(key)) {
      const attrs = graph.getEdgeAttributes(key);
      if (addedBy && attrs.origin !== "cluster" && !attrs.addedBy.includes(addedBy))
        graph.setEdgeAttribute(key, "addedBy", [...attrs.addedBy, addedBy]);
      continue;
    }
    const common = graph.getNodeAttribute(e.source, "common") || graph.getNodeAttribute(e.target, "common");
    graph.addUndirectedEdgeWithKey(key, e.source, e.target, {
      weight: common ? COMMON_EDGE_WEIGHT : 1,
      common,
      origin,
      addedBy: addedBy ? [addedBy] : [],
    });
    addedEdges.push(key);
  }
  return { addedNodes, addedEdges };
}

/** The cluster's graph from `GET /api/clusters/:id`, sized by degree (positions are set by initial-layout). */
export function buildGraph(payload: GraphPayload, commonRefs?: ReadonlySet<string>): InvestigationGraph {
  const graph = createInvestigationGraph();
  addPayload(graph, payload, { origin: "cluster", commonRefs });
  graph.setAttribute("sizeScale", sizeScaleFor(graph.order));
  assignSizesByDegree(graph);
  return graph;
}
