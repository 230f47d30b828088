/**
 * Size by degree
 * ==============
 *
 * Node size grows with the square root of degree (area roughly proportional to degree), from the
 * kind's base size, capped so one hub cannot cover its neighbours. Sizes are screen pixels, so a big
 * graph draws everything smaller (`sizeScaleFor`): 5,000 nodes at full size would be one blot.
 */
import { KIND_STYLES } from "./kinds.js";
import type { InvestigationGraph } from "./model.js";

export interface SizeOptions {
  /** Size added per sqrt(degree). */
  factor: number;
  max: number;
  /** Multiplies the result (see sizeScaleFor). */
  scale: number;
}

export const DEFAULT_SIZE_OPTIONS: SizeOptions = { factor: 1.6, max: 18, scale: 1 };

export function sizeFor(baseSize: number, degree: number, options: SizeOptions = DEFAULT_SIZE_OPTIONS): number {
  return options.scale * Math.min(options.max, baseSize + options.factor * Math.sqrt(Math.max(0, degree - 1)));
}

/** 1 up to 400 nodes, then shrinking with the square root of the node count, down to 0.35. */
export function sizeScaleFor(order: number): number {
  return Math.max(0.35, Math.min(1, Math.sqrt(400 / Math.max(1, order))));
}

/** Writes `size` on every node (or only `nodes`). */
export function assignSizesByDegree(
  graph: InvestigationGraph,
  options: Partial<SizeOptions> = {},
  nodes?: Iterable<string>,
): void {
  // The scale is fixed when the graph is built (a graph attribute), so an expansion does not resize everything.
  const scale = typeof graph.getAttribute("sizeScale") === "number" ? (graph.getAttribute("sizeScale") as number) : 1;
  const o = { ...DEFAULT_SIZE_OPTIONS, scale, ...options };
  const keys = nodes ?? graph.nodes();
  for (const node of keys) {
    if (!graph.hasNode(node)) continue;
    const kind = graph.getNodeAttribute(node, "kind");
    graph.setNodeAttribute(node, "size", sizeFor(KIND_STYLES[kind].baseSize, graph.degree(node), o));
  }
}
