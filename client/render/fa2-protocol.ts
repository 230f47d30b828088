/**
 * Layout worker protocol
 * ======================
 *
 * Messages between the layout controller and the ForceAtlas2 worker.
 */
import type { ForceAtlas2Settings } from "graphology-layout-forceatlas2";

import type { SettleOptions } from "./layout-settle.js";

export type ToWorker =
  | {
      type: "start";
      /** Transferred. */
      nodes: Float32Array;
      edges: Float32Array;
      settings: ForceAtlas2Settings;
      settle: Partial<SettleOptions>;
      /** Iterate for this long before posting positions (keeps the worker responsive to "stop"). */
      sliceMs: number;
    }
  | { type: "stop" };

export interface FromWorker {
  type: "tick";
  /** Interleaved x,y per node, in the order the matrices were built. Transferred. */
  positions: Float32Array;
  iterations: number;
  settled: boolean;
}
