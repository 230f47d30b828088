/**
 * Bulk load's worker pool
 * =======================
 *
 * Starts the normalising worker threads (normalise-worker.ts) under tsx, deals them chunks of raw
 * records round-robin, hands their answers on strictly in the order the chunks were sent, and sends
 * each chunk's first node id back to the worker that holds its rows.
 */
import { createRequire } from "node:module";
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";

import type { RawRecord } from "../readers.js";
import type { ChunkRecord, ChunkResult, FromWorker, ToWorker, WorkerSetup } from "./normalise-worker.js";

/** Chunks a worker may hold at once (bounds memory, keeps every worker busy). */
const CHUNKS_PER_WORKER = 3;

/**
 * A worker's young generation: parsing and normalising allocate short-lived objects by the million, and
 * a larger nursery lets more of them die before a collection copies them. Measured on the CSV phase
 * alone (200,000 applications, 2 workers, twice each): 29.1–31.3 s of CPU against 35.1–38.5 s with
 * V8's default.
 */
const WORKER_YOUNG_GENERATION_MB = 192;

/** tsx's ESM API module, found through its package's exports (its CommonJS build cannot register hooks). */
function tsxEsmApi(): string {
  const manifest = createRequire(import.meta.url).resolve("tsx/package.json");
  const pkg = JSON.parse(fs.readFileSync(manifest, "utf8")) as {
    exports: Record<string, { import?: { default?: string } }>;
  };
  return pathToFileURL(path.join(path.dirname(manifest), pkg.exports["./esm/api"]!.import!.default!)).href;
}

/**
 * Starts a worker on the TypeScript entry. Ringscope runs its TypeScript through tsx (and tests through
 * vitest), whose hooks a worker thread does not inherit, so the worker registers tsx's own first.
 */
function startWorker(setup: WorkerSetup): Worker {
  const entry = new URL("./normalise-worker.ts", import.meta.url).href;
  const boot = `import(${JSON.stringify(tsxEsmApi())}).then((t) => { t.register(); return import(${JSON.stringify(entry)}); })`;
  return new Worker(boot, {
    eval: true,
    workerData: setup,
    execArgv: [],
    resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB },
  });
}

function toChunkRecord(raw: RawRecord): ChunkRecord {
  if (raw.error !== undefined) return { error: raw.error };
  if (raw.unparsed) return { json: raw.text, line: raw.line };
  return { value: raw.value };
}

/** The workers, chunks dealt round-robin, answers handed on strictly in the order the chunks were sent. */
export class WorkerPool {
  private readonly workers: { worker: Worker; outstanding: number; finished?: (m: FromWorker) => void }[];
  private sent = 0;
  private handled = 0;
  private readonly waiting = new Map<number, { handle: (r: ChunkResult) => number; result?: ChunkResult }>();
  private failure: Error | null = null;
  private wakers: (() => void)[] = [];
  private closing = false;

  constructor(count: number, setup: Omit<WorkerSetup, "index">) {
    this.workers = Array.from({ length: count }, (_, index) => {
      const slot = { worker: startWorker({ ...setup, index }), outstanding: 0 } as WorkerPool["workers"][number];
      slot.worker.on("message", (m: FromWorker) => this.onMessage(slot, m));
      slot.worker.on("error", (err) => this.fail(err));
      slot.worker.on("exit", (code) => {
        if (!this.closing) this.fail(new Error(`bulk: a normalising worker stopped (exit ${code})`));
      });
      return slot;
    });
  }

  private fail(err: Error): void {
    this.failure ??= err;
    for (const slot of this.workers) slot.finished?.({ type: "failed", message: this.failure.message });
    this.wake();
  }

  private wake(): void {
    const w = this.wakers;
    this.wakers = [];
    for (const f of w) f();
  }

  private async until(ready: () => boolean): Promise<void> {
    while (!ready() && !this.failure) await new Promise<void>((resolve) => this.wakers.push(resolve));
    if (this.failure) throw this.failure;
  }

  private onMessage(slot: WorkerPool["workers"][number], m: FromWorker): void {
    if (m.type === "failed") return this.fail(new Error(`bulk: a normalising worker failed: ${m.message}`));
    if (m.type === "finished") return slot.finished?.(m);
    slot.outstanding--;
    const entry = this.waiting.get(m.chunk)!;
    entry.result = m;
    try {
      for (let next = this.waiting.get(this.handled); next?.result; next = this.waiting.get(this.handled)) {
        const chunk = this.handled++;
        this.waiting.delete(chunk);
        const ids: ToWorker = { type: "ids", chunk, first: next.handle(next.result) };
        this.workers[chunk % this.workers.length]!.worker.postMessage(ids);
      }
    } catch (err) {
      this.fail(err as Error);
    }
    this.wake();
  }

  /**
   * Sends a chunk (waiting while its worker holds enough); `handle` sees the answer in sending order and
   * returns the node id of the chunk's first accepted record, which goes back to the worker.
   */
  async submit(seq0: number, records: RawRecord[], handle: (r: ChunkResult) => number): Promise<void> {
    const chunk = this.sent;
    const slot = this.workers[chunk % this.workers.length]!;
    await this.until(() => slot.outstanding < CHUNKS_PER_WORKER);
    this.sent++;
    slot.outstanding++;
    this.waiting.set(chunk, { handle });
    const message: ToWorker = { type: "chunk", chunk, seq0, records: records.map(toChunkRecord) };
    slot.worker.postMessage(message);
  }

  /** Waits until every chunk sent has been handled. */
  drain(): Promise<void> {
    return this.until(() => this.handled === this.sent);
  }

  /** Has each worker cut the given records out of its part and close it; returns the parts. */
  async finish(cut: Float64Array): Promise<{ file: string; rows: number; multiline: boolean }[]> {
    return Promise.all(
      this.workers.map(
        (slot) =>
          new Promise<{ file: string; rows: number; multiline: boolean }>((resolve, reject) => {
            slot.finished = (m) =>
              m.type === "finished" ? resolve(m) : reject(this.failure ?? new Error(`bulk: ${m.type}`));
            if (this.failure) return reject(this.failure);
            const message: ToWorker = { type: "finish", cut };
            slot.worker.postMessage(message);
          }),
      ),
    );
  }

  async terminate(): Promise<void> {
    this.closing = true;
    await Promise.all(this.workers.map((s) => s.worker.terminate()));
  }
}
