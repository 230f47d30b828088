/**
 * Bulk load
 * =========
 *
 * A first load or rebuild into an empty database: the files go through the pipeline's own reading,
 * validation, normal forms, rejects and last-record-wins rules, spread over worker threads
 * (import-files.ts), and are written as Neo4j import CSVs instead of transactions while the server
 * stops; Neo4j's offline importer builds the store, the server is started again, the schema is applied,
 * and the load returns once every index is online. Only for the project's own server, and only into an
 * empty database.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

import type { Config } from "../../config.js";
import { ApplicationRepository } from "../../applications/applications.repository.js";
import type { GraphCounts } from "../../common/api/applications.js";
import { IngestRepository } from "../ingest.repository.js";
import { connectDatabase } from "../../db/database.js";
import { importFull } from "../../neo4j/import-tool.js";
import { start, stop } from "../../neo4j/manager.js";
import { processCpuSeconds } from "../../neo4j/process-cpu.js";
import type { IngestSummary } from "../pipeline.js";
import { ARRAY_DELIMITER } from "./csv-rows.js";
import { writeImportFiles, type BulkSource, type ImportFiles } from "./import-files.js";

export type { BulkSource } from "./import-files.js";

export class BulkLoadRefused extends Error {}

/** Schema statements at once after an import: one per core and one more (each waits on its scans). */
const SCHEMA_CONCURRENCY = os.availableParallelism() + 1;
/**
 * Application's plain indexes, created first and in one transaction so that one job with one scan of
 * the applications populates them all (the full-text one, the longest, then starts at once).
 */
const APPLICATION_INDEXES = ["schema/application-name-fulltext", "schema/application-ingested-at"] as const;

export interface BulkResult {
  summary: IngestSummary;
  counts: GraphCounts;
  files: ImportFiles["counts"];
  /** Seconds per phase: reading and writing the CSVs, stopping, importing, starting, schema and indexes. */
  phases: { csv: number; stop: number; import: number; start: number; schema: number; total: number };
  /** CPU seconds of the importer and of the server from its start to the end (null where not readable). */
  cpu: { importer: number | null; server: number | null };
}

export interface BulkOptions {
  batchSize: number;
  /** Normalising worker threads (default: the cores available) and records per chunk (import-files.ts). */
  workers?: number;
  chunkRecords?: number;
  /** Where the import CSVs go (a new temporary folder by default; removed after a successful load). */
  workDir?: string;
  log?: (line: string) => void;
}

/** Refuses (before reading anything) unless the target is the project's own, empty server. */
export async function assertBulkLoadable(config: Config): Promise<void> {
  if (!config.neo4j.managed)
    throw new BulkLoadRefused(
      `bulk load needs the project's own Neo4j server: it stops the server and builds its store files with ` +
        `neo4j-admin, which cannot be done to the server at NEO4J_URI (${config.neo4j.uri}). ` +
        `Unset NEO4J_URI, or load that server with \`npm run ingest\` without --bulk.`,
    );
  const db = await connectDatabase(config);
  try {
    const nodes = await new IngestRepository(db).countAllNodes();
    if (nodes > 0)
      throw new BulkLoadRefused(
        `bulk load replaces the whole database and runs only on an empty one; instance "${config.neo4j.instance}" ` +
          `holds ${nodes} nodes. Run \`npm run db:reset\` first (it deletes everything), or ingest without --bulk.`,
      );
  } finally {
    await db.close();
  }
}

export async function bulkLoad(config: Config, sources: BulkSource[], opts: BulkOptions): Promise<BulkResult> {
  const t0 = performance.now();
  const log = opts.log ?? (() => undefined);
  await assertBulkLoadable(config);
  const dir = opts.workDir ?? fs.mkdtempSync(path.join(os.tmpdir(), "ringscope-bulk-"));
  // The server is stopped while the CSVs are written: its checkpoint and shutdown overlap the work.
  const stopping = stop(config.neo4j).then(() => performance.now());
  let written: Awaited<ReturnType<typeof writeImportFiles>>;
  try {
    written = await writeImportFiles(sources, {
      dir,
      batchSize: opts.batchSize,
      ...(opts.workers ? { workers: opts.workers } : {}),
      ...(opts.chunkRecords ? { chunkRecords: opts.chunkRecords } : {}),
    });
  } catch (err) {
    // Nothing was imported: the server comes back with the empty database it had.
    await stopping.then(() => start(config.neo4j)).catch(() => undefined);
    throw err;
  }
  const { files, summary } = written;
  const tCsv = performance.now();
  log(`import files written to ${dir}: ${JSON.stringify(files.counts)}`);

  const tStopped = await stopping;
  const tStop = Math.max(tCsv, tStopped);
  log(`server stopped ${((tStopped - t0) / 1000).toFixed(1)} s into the load`);
  const imported = await importFull(
    config.neo4j,
    {
      database: config.neo4j.database,
      nodes: [`Application=${files.applications.join(",")}`, files.identifiers],
      relationships: [`USES=${files.links}`],
      multiline: files.multiline,
      arrayDelimiter: ARRAY_DELIMITER,
      reportFile: path.join(dir, "import.report"),
    },
    (line) => log(`[import] ${line}`),
  );
  const tImport = performance.now();
  const started = await start(config.neo4j);
  const db = await connectDatabase(config, { startIfNeeded: false });
  const tStart = performance.now();
  try {
    const t = performance.now();
    await db.applySchema({
      concurrency: SCHEMA_CONCURRENCY,
      together: APPLICATION_INDEXES,
      onTimed: (q, sec) => (sec >= 0.5 ? log(`  ${q}: ${sec.toFixed(1)} s`) : undefined),
    });
    log(`schema and indexes: ${((performance.now() - t) / 1000).toFixed(1)} s`);
    const counts = await new ApplicationRepository(db).counts();
    const tEnd = performance.now();
    const serverCpu = processCpuSeconds(started.pid);
    if (!opts.workDir) fs.rmSync(dir, { recursive: true, force: true });
    const s = (a: number, b: number) => Number(((b - a) / 1000).toFixed(2));
    summary.seconds = (tEnd - t0) / 1000;
    summary.recordsPerSecond = Math.round(summary.read / summary.seconds);
    return {
      summary,
      counts,
      files: files.counts,
      phases: {
        csv: s(t0, tCsv),
        stop: s(tCsv, tStop),
        import: s(tStop, tImport),
        start: s(tImport, tStart),
        schema: s(tStart, tEnd),
        total: s(t0, tEnd),
      },
      cpu: { importer: imported.cpuSeconds, server: serverCpu },
    };
  } finally {
    await db.close();
  }
}
