/**
 * ForceAtlas2 worker
 * ==================
 *
 * Runs graphology-layout-forceatlas2's own iteration (`iterate.js`, the same inner loop as its worker)
 * in time slices and posts positions after each slice, so the layout advances at the worker's speed
 * however slowly the page draws (software WebGL, large graphs), and the settle test runs here, next to
 * the positions. The library's supervisor runs one iteration per round trip through the page instead.
 */
import iterate from "graphology-layout-forceatlas2/iterate.js";

import { positionsOf } from "./fa2-matrices.js";
import type { FromWorker, ToWorker } from "./fa2-protocol.js";
import { createSettleTracker } from "./layout-settle.js";

let run = 0;

self.addEventListener("message", (event: MessageEvent<ToWorker>) => {
  const msg = event.data;
  run++;
  if (msg.type === "stop") return;
  const current = run;
  const { nodes, edges, settings, sliceMs } = msg;
  const tracker = createSettleTracker(msg.settle);
  const slice = () => {
    if (current !== run) return;
    const t0 = performance.now();
    let settled: boolean;
    do {
      iterate(settings, nodes, edges);
      settled = tracker.observe(positionsOf(nodes));
    } while (!settled && performance.now() - t0 < sliceMs);
    const positions = positionsOf(nodes);
    const out: FromWorker = { type: "tick", positions, iterations: tracker.iterations, settled };
    (self as unknown as Worker).postMessage(out, [positions.buffer]);
    if (!settled) setTimeout(slice, 0);
  };
  slice();
});
