/**
 * Types for graphology-layout-forceatlas2's inner loop, which the package ships without a declaration.
 */
declare module "graphology-layout-forceatlas2/iterate.js" {
  import type { ForceAtlas2Settings } from "graphology-layout-forceatlas2";

  /** One ForceAtlas2 iteration over the node and edge matrices (mutates `nodes`). */
  export default function iterate(settings: ForceAtlas2Settings, nodes: Float32Array, edges: Float32Array): void;
}
