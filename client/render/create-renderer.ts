/**
 * Create renderer
 * ===============
 *
 * The only place that constructs sigma: the node shape program, the edge program for the graph's size,
 * reducers and the size-scaled settings. Kept thin on purpose: everything it wires is tested elsewhere in Node; this file
 * is covered by the browser tests.
 */
import Sigma from "sigma";
import { EdgeLineProgram, EdgeRectangleProgram, type NodeProgramType } from "sigma/rendering";

import type { EdgeAttrs, InvestigationGraph, NodeAttrs } from "../graph/model.js";
import { NodeShapeProgram } from "./programs/node-shape.js";
import { makeEdgeReducer, makeNodeReducer } from "./reducers.js";
import { scaledSettings, type RendererSettings } from "./settings.js";
import type { ViewModel } from "./view-model.js";

export type Renderer = Sigma<NodeAttrs, EdgeAttrs>;

export function createRenderer(
  graph: InvestigationGraph,
  container: HTMLElement,
  view: () => ViewModel,
  settings: RendererSettings,
): Renderer {
  const scaled = scaledSettings(settings, graph.order, graph.size);
  // One program per kind of drawing actually used: each costs a shader compilation at start-up.
  return new Sigma<NodeAttrs, EdgeAttrs>(graph, container, {
    ...scaled,
    nodeProgramClasses: { shape: NodeShapeProgram as unknown as NodeProgramType<NodeAttrs, EdgeAttrs> },
    edgeProgramClasses: scaled.defaultEdgeType === "fast" ? { fast: EdgeLineProgram } : { line: EdgeRectangleProgram },
    defaultNodeType: "shape",
    nodeReducer: makeNodeReducer(view),
    edgeReducer: makeEdgeReducer(graph, view),
    zIndex: true,
    labelFont: "Inter, system-ui, sans-serif",
    labelSize: 12,
    labelWeight: "500",
    labelColor: { color: "#1F2933" },
    labelGridCellSize: 90,
    minCameraRatio: 0.02,
    maxCameraRatio: 8,
    stagePadding: 40,
    enableEdgeEvents: false,
  });
}
