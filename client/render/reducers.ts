/**
 * Reducers
 * ========
 *
 * Pure factories for sigma's `nodeReducer` / `edgeReducer`: view state applied at draw time, never
 * written into the graph. They read the current view model through a getter, so a state change is
 * `renderer.refresh({ skipIndexation: true })` and not a rebuild. Sigma hands reducers a shallow copy of
 * the attributes, which they adjust and return (no allocation per node; this runs for 5,000 nodes).
 */
import type { EdgeDisplayData, NodeDisplayData } from "sigma/types";

import { EDGE_COLOR, MUTED_EDGE_COLOR, MUTED_NODE_COLOR, PATH_COLOR, keyOfRef } from "../graph/kinds.js";
import { hoverLabel } from "../graph/labels.js";
import type { EdgeAttrs, InvestigationGraph, NodeAttrs } from "../graph/model.js";
import type { ViewModel } from "./view-model.js";

type NodeData = NodeAttrs & Partial<NodeDisplayData>;
type EdgeData = EdgeAttrs & Partial<EdgeDisplayData>;

const lighter = new Map<string, string>();

/** The colour mixed halfway to white: how nodes from outside the cluster (expand, paths) are told apart. */
export function outsideColor(color: string): string {
  let c = lighter.get(color);
  if (!c) {
    const n = parseInt(color.slice(1), 16);
    const mix = (v: number) =>
      Math.round(v + (255 - v) * 0.5)
        .toString(16)
        .padStart(2, "0");
    c = `#${mix((n >> 16) & 255)}${mix((n >> 8) & 255)}${mix(n & 255)}`;
    lighter.set(color, c);
  }
  return c;
}

/** A hovered node's neighbours all get labels only when there are at most this many. */
export const MAX_FORCED_LABELS = 16;

/** Longest label drawn; the side panel shows the full value. */
export const MAX_LABEL = 32;

export function shortLabel(label: string): string {
  return label.length > MAX_LABEL ? `${label.slice(0, MAX_LABEL - 1)}…` : label;
}

export function makeNodeReducer(view: () => ViewModel): (node: string, data: NodeAttrs) => Partial<NodeDisplayData> {
  return (node, attrs) => {
    const v = view();
    const d = attrs as NodeData;
    if (v.hidden.has(node)) {
      d.hidden = true;
      return d;
    }
    d.label = node === v.hovered ? hoverLabel(attrs.kind, attrs.label, keyOfRef(node)) : shortLabel(attrs.label);
    if (attrs.origin !== "cluster") d.color = outsideColor(attrs.color);
    const emphasised = node === v.selected || v.pair.has(node) || v.matches.has(node);
    if (attrs.common && v.common === "dim" && !emphasised && !(v.focusNodes?.has(node) ?? false)) {
      d.color = MUTED_NODE_COLOR;
      d.size = attrs.size * 0.7;
      d.label = "";
    }
    if (v.focusNodes) {
      if (v.focusNodes.has(node)) {
        // Forced labels ignore sigma's label grid: force them only where they cannot pile up.
        d.forceLabel = v.focusIsPath || v.focusNodes.size <= MAX_FORCED_LABELS || node === v.hovered;
        d.zIndex = 1;
      } else if (!emphasised) {
        d.color = MUTED_NODE_COLOR;
        d.label = "";
      }
    }
    if (emphasised) {
      d.forceLabel = true;
      d.highlighted = true;
      d.zIndex = 2;
    }
    if (node === v.selected) d.size = attrs.size * 1.35;
    return d;
  };
}

export function makeEdgeReducer(
  graph: InvestigationGraph,
  view: () => ViewModel,
): (edge: string, data: EdgeAttrs) => Partial<EdgeDisplayData> {
  return (edge, attrs) => {
    const v = view();
    const d = attrs as EdgeData;
    const [s, t] = graph.extremities(edge);
    if (v.hidden.has(s) || v.hidden.has(t)) {
      d.hidden = true;
      return d;
    }
    d.color = attrs.common && v.common === "dim" ? MUTED_EDGE_COLOR : EDGE_COLOR;
    d.size = attrs.common && v.common === "dim" ? 0.5 : 1;
    if (v.focusEdges) {
      if (v.focusEdges.has(edge)) {
        d.color = v.focusIsPath ? PATH_COLOR : "#5B6573";
        d.size = v.focusIsPath ? 3.5 : 1.5;
        d.zIndex = 1;
      } else {
        d.color = MUTED_EDGE_COLOR;
        d.size = 0.5;
      }
    }
    return d;
  };
}
