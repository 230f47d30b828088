/**
 * Size by degree
 * ==============
 *
 * Node size grows with the square root of degree (area roughly proportional to degree), from the
 * kind's base size, capped so one hub cannot cover its neighbours.
 */
import { KIND_STYLES } from "./kinds.js";
import type { InvestigationGraph } from "./model.js";

export interface SizeOptions {
  /** Size added per sqrt(degree). */
  factor: number;
  max: number;
}

export const DEFAULT_SIZE_OPTIONS: SizeOptions = { factor: 1.6, max: 18 };

export function sizeFor(baseSize: number, degree: number, options: SizeOptions = DEFAULT_SIZE_OPTIONS): number {
  return Math.min(options.max, baseSize + options.factor * Math.sqrt(Math.max(0, degree - 1)));
}

/** Writes `size` on every node (or only `nodes`). */
export function assignSizesByDegree(
  graph: InvestigationGraph,
  options: Partial<SizeOptions> = {},
  nodes?: Iterable<string>,
): void {
  const o = { ...DEFAULT_SIZE_OPTIONS, ...options };
  const keys = nodes ?? graph.nodes();
  for (const node of keys) {
    if (!graph.hasNode(node)) continue;
    const kind = graph.getNodeAttribute(node, "kind");
    graph.setNodeAttribute(node, "size", sizeFor(KIND_STYLES[kind].baseSize, graph.degree(node), o));
  }
}
