/**
 * Investigation graph model
 * =========================
 *
 * The one canonical client model: an undirected graphology graph whose node keys are refs
 * (`application:A-1`, `device:d-123`) and whose attributes hold data only (kind, what the API said,
 * where the node came from, position and size). Hover, selection, filters and highlights never live
 * here; they are view state applied by reducers (client/render/reducers.ts).
 */
import Graph from "graphology";

import type { GraphEdge, GraphNode } from "../../server/common/graph.js";
import type { NodeKind } from "./kinds.js";

export type { GraphEdge, GraphNode };

/** Where a node or edge came from: the cluster payload, an "expand", or a why-linked path. */
export type Origin = "cluster" | "expand" | "path";

export interface NodeAttrs {
  kind: NodeKind;
  label: string;
  /** Sigma program key: "shape" (one program draws every kind's shape, chosen from `kind`). */
  type: string;
  color: string;
  x: number;
  y: number;
  size: number;
  /** Judged common infrastructure by the run: drawn apart, never a reason to link. */
  common: boolean;
  /** Submission time of an application (ms since epoch); null for identifiers. */
  submittedAt: number | null;
  origin: Origin;
  /** Refs of the expansions that brought this node in (empty for cluster nodes). */
  addedBy: string[];
  /** The API node's attributes, untouched. */
  data: Record<string, unknown>;
}

export interface EdgeAttrs {
  /** FA2 attraction weight: common-infrastructure edges pull little, so they do not knot the layout. */
  weight: number;
  common: boolean;
  origin: Origin;
  addedBy: string[];
}

export type InvestigationGraph = Graph<NodeAttrs, EdgeAttrs>;

export function createInvestigationGraph(): InvestigationGraph {
  return new Graph<NodeAttrs, EdgeAttrs>({ type: "undirected", multi: false, allowSelfLoops: false });
}

/** Edge keys do not depend on direction, so the same link from two answers merges into one edge. */
export function edgeKey(a: string, b: string): string {
  return a < b ? `${a}|${b}` : `${b}|${a}`;
}
