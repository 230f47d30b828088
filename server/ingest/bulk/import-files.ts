/**
 * Import files, written by worker threads
 * =======================================
 *
 * Writes the CSV files Neo4j's offline importer reads for a bulk load. Reading stays in this thread;
 * chunks of raw records go round-robin to one normalising worker per core (worker-pool.ts,
 * normalise-worker.ts), each of which writes its own part of the applications file (the importer takes
 * several files per label). Their answers are taken in file order (identifier-links.ts), which keeps the
 * pipeline's rules exactly:
 * - the pipeline's batches are replayed (`batchSize` accepted records, a flush at the end of each
 *   file): within a batch only the last record of an id is kept, and a record of an id written in an
 *   earlier batch replaces it, so the earlier rows are cut out at the end;
 * - identifiers are numbered once per kind and normal form, here and nowhere else, so two workers
 *   never write the same identifier; an identifier keeps the properties of the first kept record that
 *   used it (the pipeline's ON CREATE SET), and one that only replaced records used is cut out;
 * - rejects reach each file's sink in file order, with the pipeline's reasons.
 * The files' ids are the store's node ids (the importer takes them as they are): the coordinating
 * thread gives them in file order and tells each worker the first of each chunk's accepted records.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

import { addSummaries, emptySummary, type IngestSummary } from "../pipeline.js";
import type { RawRecord } from "../readers.js";
import type { RejectSink } from "../rejects.js";
import { APPLICATION_HEADER } from "./csv-rows.js";
import { Links } from "./identifier-links.js";
import { WorkerPool } from "./worker-pool.js";

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
