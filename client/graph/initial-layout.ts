/**
 * Initial layout
 * ==============
 *
 * Deterministic starting positions that ForceAtlas2 only has to refine: applications on a sunflower
 * (phyllotaxis) disc, each identifier at the centre of the applications using it (plus a small seeded
 * jitter so shared identifiers do not stack), common infrastructure on an outer ring. Same graph, same
 * picture; a good start also means the layout settles in fewer iterations.
 */
import type { InvestigationGraph } from "./model.js";

/** mulberry32: a tiny seeded PRNG, enough for jitter. */
export function createRng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface InitialLayoutOptions {
  rng: () => number;
  /** Spacing between applications on the disc. */
  spacing: number;
}

const GOLDEN_ANGLE = Math.PI * (3 - Math.sqrt(5));

/** Writes x/y on every node. Applications are placed in key order, so the result does not depend on payload order. */
export function assignInitialLayout(graph: InvestigationGraph, options: Partial<InitialLayoutOptions> = {}): void {
  const rng = options.rng ?? createRng(1);
  const spacing = options.spacing ?? 10;
  const apps = graph.filterNodes((_, a) => a.kind === "application").sort();
  const positions = new Map<string, { x: number; y: number }>();
  apps.forEach((node, i) => {
    const r = spacing * Math.sqrt(i + 0.5);
    positions.set(node, { x: r * Math.cos(i * GOLDEN_ANGLE), y: r * Math.sin(i * GOLDEN_ANGLE) });
  });
  const radius = spacing * Math.sqrt(apps.length + 1);
  const others = graph.filterNodes((_, a) => a.kind !== "application").sort();
  others.forEach((node, i) => {
    const common = graph.getNodeAttribute(node, "common");
    const anchors = graph
      .neighbors(node)
      .filter((n) => positions.has(n) && graph.getNodeAttribute(n, "kind") === "application");
    if (common || anchors.length === 0) {
      const angle = (2 * Math.PI * i) / Math.max(1, others.length);
      positions.set(node, { x: radius * 1.4 * Math.cos(angle), y: radius * 1.4 * Math.sin(angle) });
      return;
    }
    let x = 0;
    let y = 0;
    for (const a of anchors) {
      x += positions.get(a)!.x;
      y += positions.get(a)!.y;
    }
    const jitter = spacing * 0.6;
    positions.set(node, {
      x: x / anchors.length + (rng() - 0.5) * jitter,
      y: y / anchors.length + (rng() - 0.5) * jitter,
    });
  });
  graph.updateEachNodeAttributes((node, attrs) => ({ ...attrs, ...positions.get(node)! }));
}

/** Places nodes new to the graph around the node they were expanded from (mutates their x/y). */
export function placeAround(
  graph: InvestigationGraph,
  center: string,
  nodes: string[],
  rng: () => number = createRng(nodes.length),
): void {
  if (!graph.hasNode(center) || nodes.length === 0) return;
  const { x, y } = graph.getNodeAttributes(center);
  const r = 6 + Math.sqrt(nodes.length) * 3;
  nodes.forEach((node, i) => {
    const angle = (2 * Math.PI * i) / nodes.length + rng() * 0.2;
    graph.mergeNodeAttributes(node, { x: x + r * Math.cos(angle), y: y + r * Math.sin(angle) });
  });
}
