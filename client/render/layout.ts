/**
 * Layout controller
 * =================
 *
 * ForceAtlas2 in a web worker (fa2-worker.ts, running graphology-layout-forceatlas2's own iteration)
 * with start/stop and a stop rule: the first of "settled" (layout-settle.ts, tested in the worker) and
 * the time budget. Positions arrive once per worker time slice; the latest are written to the graph in
 * one batch, and only after the page has drawn the previous batch and then waited as long as that
 * drawing took. So on a slow renderer (software WebGL, 20,000 edges) drawing takes at most half the
 * time and the worker keeps its CPU share. A structural change while running (expand, collapse)
 * restarts the worker on the new graph, keeping the positions reached so far.
 */
import type { InvestigationGraph } from "../graph/model.js";
import { toLayoutMatrices } from "./fa2-matrices.js";
import type { FromWorker, ToWorker } from "./fa2-protocol.js";
import { layoutSettings } from "./layout-settings.js";
import type { SettleOptions } from "./layout-settle.js";

export type LayoutStopReason = "settled" | "budget" | "user";

export interface LayoutRun {
  iterations: number;
  ms: number;
  reason: LayoutStopReason;
}

export interface LayoutEvents {
  onStart?(): void;
  onStop?(run: LayoutRun): void;
}

const SLICE_MS = 60;

export class LayoutController {
  private worker: Worker | null = null;
  private order: string[] = [];
  private index = new Map<string, number>();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private startedAt = 0;
  private budgetEnd = 0;
  private iterations = 0;
  private iterationsBefore = 0;
  private running = false;
  private restartPending = false;
  private pending: FromWorker | null = null;
  private drawing = false;
  private flushTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly graph: InvestigationGraph,
    private readonly events: LayoutEvents = {},
    private readonly settle: Partial<SettleOptions> = {},
  ) {
    for (const ev of ["nodeAdded", "nodeDropped", "edgeAdded", "edgeDropped"] as const) graph.on(ev, this.onStructure);
  }

  isRunning(): boolean {
    return this.running;
  }

  /** Runs until settled or `budgetMs` elapsed (or stop()). */
  start(budgetMs: number): void {
    if (this.running) return;
    this.running = true;
    this.iterations = 0;
    this.iterationsBefore = 0;
    this.startedAt = performance.now();
    this.budgetEnd = this.startedAt + budgetMs;
    this.timer = setTimeout(() => this.finish("budget"), budgetMs);
    this.spawn();
    this.events.onStart?.();
  }

  stop(): void {
    this.finish("user");
  }

  kill(): void {
    for (const ev of ["nodeAdded", "nodeDropped", "edgeAdded", "edgeDropped"] as const)
      this.graph.off(ev, this.onStructure);
    if (this.timer) clearTimeout(this.timer);
    this.running = false;
    this.worker?.terminate();
    this.worker = null;
  }

  private spawn(): void {
    if (!this.worker) {
      this.worker = new Worker(new URL("./fa2-worker.ts", import.meta.url), { type: "module", name: "forceatlas2" });
      this.worker.addEventListener("message", this.onTick);
      this.worker.addEventListener("error", (e) => {
        console.error("layout worker failed", e.message);
        this.finish("user");
      });
    }
    const m = toLayoutMatrices(this.graph);
    this.order = m.order;
    this.index = new Map(m.order.map((n, i) => [n, i]));
    const msg: ToWorker = {
      type: "start",
      nodes: m.nodes,
      edges: m.edges,
      settings: layoutSettings(this.graph.order),
      settle: this.settle,
      sliceMs: SLICE_MS,
    };
    this.worker.postMessage(msg, [m.nodes.buffer, m.edges.buffer]);
  }

  private finish(reason: LayoutStopReason): void {
    if (!this.running) return;
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = null;
    this.pending = null;
    this.worker?.postMessage({ type: "stop" } satisfies ToWorker);
    this.events.onStop?.({ iterations: this.iterations, ms: performance.now() - this.startedAt, reason });
  }

  private readonly onTick = (event: MessageEvent<FromWorker>): void => {
    if (!this.running) return;
    if (event.data.positions.length !== 2 * this.order.length) return; // a tick from before a restart
    this.pending = event.data;
    this.iterations = this.iterationsBefore + event.data.iterations;
    if (event.data.settled) {
      this.flush();
      this.finish("settled");
    } else if (!this.drawing && !this.flushTimer) this.flush();
  };

  /** Writes the latest positions, then waits for the frame that draws them, then as long again. */
  private flush(): void {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = null;
    const tick = this.pending;
    if (!tick) return;
    this.pending = null;
    const { positions } = tick;
    const index = this.index;
    const t0 = performance.now();
    this.graph.updateEachNodeAttributes(
      (node, a) => {
        const i = index.get(node);
        if (i === undefined) return a;
        a.x = positions[2 * i]!;
        a.y = positions[2 * i + 1]!;
        return a;
      },
      { attributes: ["x", "y"] },
    );
    this.drawing = true;
    requestAnimationFrame(() =>
      requestAnimationFrame(() => {
        this.drawing = false;
        const cost = performance.now() - t0;
        if (this.pending && this.running) this.flushTimer = setTimeout(() => this.flush(), Math.min(1000, cost));
      }),
    );
  }

  private readonly onStructure = (): void => {
    if (!this.running || this.restartPending) return;
    // Several additions come in one batch (an expand page): restart once, after it.
    this.restartPending = true;
    setTimeout(() => {
      this.restartPending = false;
      if (!this.running) return;
      this.iterationsBefore = this.iterations;
      if (performance.now() < this.budgetEnd) this.spawn();
    }, 0);
  };
}
