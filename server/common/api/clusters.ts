/**
 * API shapes: clusters
 * ====================
 *
 * Cluster pages, one cluster's detail, "why linked" and a node's neighbours as the API sends them. Plain
 * types, shared by server and client.
 */
import type { GraphEdge, GraphNode } from "../graph.js";

export interface ExplainPath {
  /** Shared identifiers on the chain. */
  length: number;
  text: string;
  nodes: GraphNode[];
}

export interface Explanation {
  a: string;
  b: string;
  linked: boolean;
  /** The words for the first path, or why there is none. */
  text: string;
  paths: ExplainPath[];
  include_common: boolean;
  max_degree: number | null;
  /** Identifiers not walked through because the latest run judged them common infrastructure. */
  excluded_common_infrastructure: number;
}

export interface Neighbourhood {
  node: GraphNode;
  neighbours: GraphNode[];
  edges: GraphEdge[];
  total: number;
  limit: number;
  offset: number;
  /** Neighbours not in this page and not before it: total - offset - neighbours.length (never negative). */
  more: number;
}
