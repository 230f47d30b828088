/**
 * ForceAtlas2 matrices
 * ====================
 *
 * The graph as the flat arrays graphology-layout-forceatlas2's `iterate` works on (the layout of its own
 * `helpers.graphToByteArrays`: 10 floats per node, 3 per edge; a node's mass is 1 + its weighted
 * degree), plus the node order so positions can be written back. Pure, tested in Node.
 */
import type { InvestigationGraph } from "../graph/model.js";

export const PPN = 10;
export const PPE = 3;

export interface LayoutMatrices {
  nodes: Float32Array;
  edges: Float32Array;
  order: string[];
}

export function toLayoutMatrices(graph: InvestigationGraph): LayoutMatrices {
  const nodes = new Float32Array(graph.order * PPN);
  const edges = new Float32Array(graph.size * PPE);
  const index = new Map<string, number>();
  const order: string[] = [];
  let j = 0;
  graph.forEachNode((node, a) => {
    index.set(node, j);
    order.push(node);
    nodes[j] = a.x;
    nodes[j + 1] = a.y;
    nodes[j + 6] = 1; // mass
    nodes[j + 7] = 1; // convergence
    nodes[j + 8] = a.size || 1;
    j += PPN;
  });
  j = 0;
  graph.forEachEdge((_, a, source, target) => {
    const s = index.get(source)!;
    const t = index.get(target)!;
    const w = a.weight ?? 1;
    nodes[s + 6]! += w;
    nodes[t + 6]! += w;
    edges[j] = s;
    edges[j + 1] = t;
    edges[j + 2] = w;
    j += PPE;
  });
  return { nodes, edges, order };
}

/** x,y of every node, interleaved (what the worker sends back and the settle test reads). */
export function positionsOf(nodes: Float32Array): Float32Array {
  const n = nodes.length / PPN;
  const out = new Float32Array(2 * n);
  for (let i = 0; i < n; i++) {
    out[2 * i] = nodes[i * PPN]!;
    out[2 * i + 1] = nodes[i * PPN + 1]!;
  }
  return out;
}
