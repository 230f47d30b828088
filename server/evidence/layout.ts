/**
 * Deterministic layout
 * ====================
 *
 * Nodes start on a circle in sorted-key order (no randomness, so the same case draws the same picture
 * every export), then ForceAtlas2 runs a fixed number of synchronous iterations.
 */
import forceAtlas2 from "graphology-layout-forceatlas2";

import type { CaseGraph } from "./case-graph.js";

export const DEFAULT_LAYOUT_OPTIONS = { iterations: 300 };

/** Writes x/y on every node of `graph` (assign: the graph is the output). */
export function assignLayout(graph: CaseGraph, options = DEFAULT_LAYOUT_OPTIONS): void {
  const nodes = graph.nodes().sort();
  const n = nodes.length;
  nodes.forEach((node, i) => {
    const angle = (2 * Math.PI * i) / Math.max(n, 1);
    graph.mergeNodeAttributes(node, { x: 100 * Math.cos(angle), y: 100 * Math.sin(angle) });
  });
  if (n < 3 || graph.size === 0) return;
  forceAtlas2.assign(graph, {
    iterations: options.iterations,
    settings: { ...forceAtlas2.inferSettings(graph), barnesHutOptimize: false, adjustSizes: false },
  });
}
