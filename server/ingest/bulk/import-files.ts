/**
 * Import files, written by worker threads
 * =======================================
 *
 * Writes the CSV files Neo4j's offline importer reads for a bulk load. Reading stays in this thread;
 * chunks of raw records go round-robin to one normalising worker per core (normalise-worker.ts), each
 * of which writes its own part of the applications file (the importer takes several files per label).
 * Their answers are taken here in file order, which keeps the pipeline's rules exactly:
 * - the pipeline's batches are replayed (`batchSize` accepted records, a flush at the end of each
 *   file): within a batch only the last record of an id is kept, and a record of an id written in an
 *   earlier batch replaces it, so the earlier rows are cut out at the end;
 * - identifiers are numbered once per kind and normal form, here and nowhere else, so two workers
 *   never write the same identifier; an identifier keeps the properties of the first kept record that
 *   used it (the pipeline's ON CREATE SET), and one that only replaced records used is cut out;
 * - rejects reach each file's sink in file order, with the pipeline's reasons.
 * Importer ids are integers: an application's is its record's position across all files.
 */
import { createRequire } from "node:module";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";

import { addSummaries, emptySummary, type IngestSummary } from "../pipeline.js";
import type { RawRecord } from "../readers.js";
import type { RejectSink } from "../rejects.js";
import { CsvFile, cutRanges, NumberList } from "./csv-file.js";
import { APPLICATION_HEADER, IDENTIFIER_HEADER, LINK_HEADER } from "./csv-rows.js";
import type { ChunkRecord, ChunkResult, FromWorker, ToWorker, WorkerSetup } from "./normalise-worker.js";

export interface BulkSource {
  name: string;
  /** NDJSON is best read with `{ parse: false }`: the workers then parse the lines too. */
  records: AsyncIterable<RawRecord>;
  rejects: RejectSink;
}

export interface ImportFiles {
  dir: string;
  /** The header file first, then one part per worker. */
  applications: string[];
  identifiers: string;
  links: string;
  /** Files holding a value with a line break (the importer must be told). */
  multiline: string[];
  /** `replaced`: records a later record of the same id replaced (not in the graph). */
  counts: { applications: number; identifiers: number; links: number; replaced: number };
}

export interface ImportFilesOptions {
  dir: string;
  batchSize: number;
  /** Normalising worker threads (default: the cores available). */
  workers?: number;
  /** Records per chunk sent to a worker (default 1,000; tests use small chunks to interleave workers). */
  chunkRecords?: number;
}

/** Chunks a worker may hold at once (bounds memory, keeps every worker busy). */
const CHUNKS_PER_WORKER = 3;
const LINE_BREAK = /[\n\r]/;

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
  return new Worker(boot, { eval: true, workerData: setup, execArgv: [] });
}

function toChunkRecord(raw: RawRecord): ChunkRecord {
  if (raw.error !== undefined) return { error: raw.error };
  if (raw.unparsed) return { json: raw.text, line: raw.line };
  return { value: raw.value };
}

/** The workers, chunks dealt round-robin, answers handed on strictly in the order the chunks were sent. */
class WorkerPool {
  private readonly workers: { worker: Worker; outstanding: number; finished?: (m: FromWorker) => void }[];
  private sent = 0;
  private handled = 0;
  private readonly waiting = new Map<number, { handle: (r: ChunkResult) => void; result?: ChunkResult }>();
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
        this.waiting.delete(this.handled++);
        next.handle(next.result);
      }
    } catch (err) {
      this.fail(err as Error);
    }
    this.wake();
  }

  /** Sends a chunk (waiting while its worker holds enough); `handle` sees the answer in sending order. */
  async submit(seq0: number, records: RawRecord[], handle: (r: ChunkResult) => void): Promise<void> {
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

interface Pending {
  seq: number;
  id: string;
  result: ChunkResult;
  /** First of its identifiers in `result.refs` and how many. */
  refStart: number;
  refCount: number;
  superseded: boolean;
}

/** Identifier numbering, links and the last record of each id: the part of the work that sees every record. */
class Links {
  private readonly ids: CsvFile;
  private readonly links: CsvFile;
  private readonly idOf = new Map<string, number>();
  /** Per identifier number: byte offset of its row. */
  private readonly idStart = new NumberList();
  // Per kept record k (in batch order): its sequence number, the offset of its links, its identifiers.
  private readonly keptSeq = new NumberList();
  private readonly linkStart = new NumberList();
  private readonly linkIdsStart = new NumberList();
  private readonly linkIds = new NumberList();
  /** Application id to the kept record k that holds it now. */
  private readonly keptOf = new Map<string, number>();
  /** Kept records a later batch replaced, and records a later one in their own batch superseded. */
  private readonly replaced: number[] = [];
  private readonly superseded: number[] = [];
  private pending: Pending[] = [];
  private pendingOf = new Map<string, number>();

  constructor(
    dir: string,
    private readonly batchSize: number,
  ) {
    this.ids = new CsvFile(path.join(dir, "identifiers.csv"), IDENTIFIER_HEADER);
    this.links = new CsvFile(path.join(dir, "uses.csv"), LINK_HEADER);
  }

  /** One chunk's answer, in file order. */
  take(seq0: number, records: RawRecord[], r: ChunkResult, source: BulkSource, summary: IngestSummary): void {
    for (const { index, reason } of r.rejects) {
      const raw = records[index]!;
      source.rejects.add({ file: source.name, line: raw.line, reason, text: raw.text });
    }
    summary.rejected += r.rejects.length;
    summary.accepted += r.accepted.length;
    for (const [f, n] of Object.entries(r.unknownFields))
      summary.unknownFields[f] = (summary.unknownFields[f] ?? 0) + n;
    let refStart = 0;
    r.accepted.forEach((index, j) => {
      const id = r.ids[j]!;
      const refCount = r.identifierCounts[j]!;
      const earlier = this.pendingOf.get(id);
      if (earlier !== undefined) {
        const p = this.pending[earlier]!;
        p.superseded = true;
        this.superseded.push(p.seq);
      }
      this.pendingOf.set(id, this.pending.length);
      this.pending.push({ seq: seq0 + index, id, result: r, refStart, refCount, superseded: false });
      refStart += refCount;
      // The pipeline's batches count every accepted record, superseded ones included.
      if (this.pending.length >= this.batchSize) this.flushBatch();
    });
  }

  /** Writes a batch's kept records' links, numbering identifiers first seen there. */
  flushBatch(): void {
    for (const p of this.pending) {
      if (p.superseded) continue;
      const k = this.keptSeq.length;
      const earlier = this.keptOf.get(p.id);
      if (earlier !== undefined) this.replaced.push(earlier);
      this.keptOf.set(p.id, k);
      this.keptSeq.push(p.seq);
      this.linkStart.push(this.links.bytes);
      this.linkIdsStart.push(this.linkIds.length);
      let rows = "";
      for (let i = p.refStart; i < p.refStart + p.refCount; i++) {
        const ref = p.result.refs[i]!;
        let num = this.idOf.get(ref);
        if (num === undefined) {
          num = this.idStart.length;
          this.idOf.set(ref, num);
          this.idStart.push(this.ids.bytes);
          const tail = p.result.tails[i]!;
          if (!this.ids.multiline && LINE_BREAK.test(tail.slice(0, -1))) this.ids.multiline = true;
          this.ids.write(num + tail);
        }
        this.linkIds.push(num);
        rows += `${p.seq},${num}\n`;
      }
      this.links.write(rows);
    }
    this.pending = [];
    this.pendingOf = new Map();
  }

  /** Sequence numbers of every record not in the graph (for the workers to cut). */
  cutSeqs(): Float64Array {
    const out = new Float64Array(this.replaced.length + this.superseded.length);
    this.replaced.forEach((k, i) => (out[i] = this.keptSeq.get(k)));
    out.set(this.superseded, this.replaced.length);
    return out;
  }

  /** Closes the files, cutting out replaced records' links and identifiers nobody uses any more. */
  finish(): {
    identifiers: string;
    links: string;
    multiline: string[];
    counts: Omit<ImportFiles["counts"], "applications">;
  } {
    this.ids.close();
    this.links.close();
    const kept = this.keptSeq.length;
    const replaced = new Set(this.replaced);
    let idCount = this.idStart.length;
    let linkCount = this.linkIds.length;
    if (replaced.size) {
      const linkCuts: [number, number][] = [];
      const uses = new Uint32Array(this.idStart.length);
      for (let k = 0; k < kept; k++) {
        const lo = this.linkIdsStart.get(k);
        const hi = this.linkIdsStart.end(k, this.linkIds.length);
        if (replaced.has(k)) {
          linkCuts.push([this.linkStart.get(k), this.linkStart.end(k, this.links.bytes)]);
          linkCount -= hi - lo;
        } else for (let i = lo; i < hi; i++) uses[this.linkIds.get(i)]!++;
      }
      const idCuts: [number, number][] = [];
      for (let n = 0; n < uses.length; n++)
        if (uses[n] === 0) {
          idCuts.push([this.idStart.get(n), this.idStart.end(n, this.ids.bytes)]);
          idCount--;
        }
      cutRanges(this.links.path, linkCuts);
      cutRanges(this.ids.path, idCuts);
    }
    return {
      identifiers: this.ids.path,
      links: this.links.path,
      multiline: this.ids.multiline ? [this.ids.path] : [],
      counts: { identifiers: idCount, links: linkCount, replaced: replaced.size + this.superseded.length },
    };
  }
}

/** Reads every source through the workers into import CSVs in `dir`; the summary is the pipeline's. */
export async function writeImportFiles(
  sources: BulkSource[],
  opts: ImportFilesOptions,
): Promise<{ files: ImportFiles; summary: IngestSummary }> {
  fs.mkdirSync(opts.dir, { recursive: true });
  const header = path.join(opts.dir, "applications-header.csv");
  fs.writeFileSync(header, APPLICATION_HEADER + "\n");
  const links = new Links(opts.dir, opts.batchSize);
  const workers = Math.max(1, opts.workers ?? os.availableParallelism());
  const chunkRecords = opts.chunkRecords ?? 1000;
  const pool = new WorkerPool(workers, { dir: opts.dir, ingestedAt: new Date().toISOString() });
  let total = emptySummary();
  try {
    let seq = 0;
    for (const source of sources) {
      const started = performance.now();
      const summary = emptySummary();
      let chunk: RawRecord[] = [];
      const send = async () => {
        const records = chunk;
        const seq0 = seq;
        chunk = [];
        seq += records.length;
        await pool.submit(seq0, records, (r) => links.take(seq0, records, r, source, summary));
      };
      for await (const raw of source.records) {
        summary.read++;
        chunk.push(raw);
        if (chunk.length >= chunkRecords) await send();
      }
      if (chunk.length) await send();
      await pool.drain();
      links.flushBatch();
      summary.seconds = (performance.now() - started) / 1000;
      summary.recordsPerSecond = summary.seconds > 0 ? Math.round(summary.read / summary.seconds) : summary.read;
      total = addSummaries(total, summary);
    }
    const parts = await pool.finish(links.cutSeqs());
    const rest = links.finish();
    const applications = parts.reduce((n, p) => n + p.rows, 0);
    return {
      summary: total,
      files: {
        dir: opts.dir,
        applications: [header, ...parts.map((p) => p.file)],
        identifiers: rest.identifiers,
        links: rest.links,
        multiline: [...parts.filter((p) => p.multiline).map((p) => p.file), ...rest.multiline],
        counts: { applications, ...rest.counts },
      },
    };
  } finally {
    await pool.terminate();
  }
}
