/**
 * `npm run ingest -- FILE... [--map NAME_OR_FILE] [--json] [--rejects PATH] [--batch-size N]`
 * ==========================================================================================
 *
 * Streams each file into the graph (through an ATS export mapping with --map: a shipped name such as
 * greenhouse-harvest, lever-opportunities or workday-csv, or a mapping file), writing rejected records to `<file>.rejects.ndjson` (or --rejects),
 * with a progress bar on a terminal and a summary at the end (one JSON object on the last line with --json).
 * A batch Neo4j refuses costs only its bad records (rejects); a database that stays away for the
 * retry budget stops the command with exit code 1, and running it again is safe (ingest is idempotent).
 */
import fs from "node:fs";

import cliProgress from "cli-progress";

import { loadConfig, type Config } from "../config.js";
import { IngestRepository } from "../ingest/ingest.repository.js";
import { connectDatabase, type Database } from "../db/database.js";
import { createLogger } from "../logger.js";
import { cliRuns } from "./detect-runs.js";
import { addSummaries, emptySummary, ingestRecords, type IngestSummary } from "../ingest/pipeline.js";
import { formatFromPath, readFileRecords, readRecords } from "../ingest/readers.js";
import { bulkLoad } from "../ingest/bulk/bulk-load.js";
import type { CompiledMapping } from "../ingest/mappings/apply.js";
import {
  checkMappedFile,
  checkMappedFormat,
  loadMapping,
  readMapped,
  readMappedFile,
} from "../ingest/mappings/read.js";
import { FileRejectSink } from "../ingest/rejects.js";
import { cliArgs, runMain } from "../common/cli-args.js";

const USAGE =
  "npm run ingest -- FILE... [--bulk] [--map NAME_OR_FILE] [--json] [--rejects PATH] [--batch-size N] [--detect]";

runMain(async () => {
  const { positionals: files, values } = cliArgs(
    {
      json: { type: "boolean" },
      rejects: { type: "string" },
      "batch-size": { type: "string" },
      map: { type: "string" },
      bulk: { type: "boolean" },
      detect: { type: "boolean" },
    },
    USAGE,
  );
  if (!files.length) throw new Error(`no input file; usage: ${USAGE}`);
  for (const f of files) {
    formatFromPath(f);
    if (!fs.existsSync(f)) throw new Error(`ingest: ${f} does not exist`);
  }
  // A mapping is checked against every file (header or first records) before anything is written.
  const mapping = values.map ? loadMapping(values.map) : null;
  if (mapping) {
    for (const f of files) checkMappedFormat(mapping, f);
    for (const f of files) await checkMappedFile(f, mapping);
  }
  const config = loadConfig();
  const batchSize = values["batch-size"] ? Number(values["batch-size"]) : config.ingest.batchSize;
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new Error("ingest: --batch-size must be a positive integer");
  if (values.bulk) return runBulk(config, files, mapping, batchSize, values);
  const db = await connectDatabase(config);
  await db.applySchema();
  const repo = new IngestRepository(db);
  const tty = process.stderr.isTTY && !values.json;
  let total = emptySummary();
  let detection: Awaited<ReturnType<typeof detectAfterIngest>> | null = null;
  const rejectFiles: string[] = [];
  try {
    for (const file of files) {
      const size = fs.statSync(file).size;
      const input = fs.createReadStream(file);
      let bytes = 0;
      const bar = tty
        ? new cliProgress.SingleBar(
            {
              format: `${file} [{bar}] {percentage}% | {read} read, {rejected} rejected | {rate} rec/s`,
              stream: process.stderr,
            },
            cliProgress.Presets.shades_classic,
          )
        : null;
      bar?.start(size, 0, { read: 0, rejected: 0, rate: 0 });
      input.on("data", (chunk) => (bytes += chunk.length));
      const t0 = performance.now();
      const sink = new FileRejectSink(values.rejects ?? `${file}.rejects.ndjson`);
      const records = mapping ? readMapped(input, mapping, file) : readRecords(input, formatFromPath(file));
      let summary: IngestSummary;
      try {
        summary = await ingestRecords(repo, records, {
          batchSize,
          rejects: sink,
          sourceName: file,
          onProgress: (s) =>
            bar?.update(bytes, {
              read: s.read,
              rejected: s.rejected,
              rate: Math.round(s.read / ((performance.now() - t0) / 1000)),
            }),
          retry: {
            onRetry: (f, attempt, ms) =>
              process.stderr.write(`\ningest: ${f.code} (${f.message}); retry ${attempt} in ${ms} ms\n`),
          },
        });
        bar?.update(size, { read: summary.read, rejected: summary.rejected, rate: summary.recordsPerSecond });
      } finally {
        // Rejects found before a stop are kept.
        bar?.stop();
        await sink.close();
      }
      if (sink.used) rejectFiles.push(sink.path);
      total = addSummaries(total, summary);
    }
    // --detect: an incremental run over what this ingest (and anything since the last run) brought.
    if (values.detect) detection = await detectAfterIngest(config, db, total.accepted);
  } finally {
    await db.close();
  }
  const out = {
    files,
    ...total,
    seconds: Number(total.seconds.toFixed(3)),
    rejectsFiles: rejectFiles,
    ...(detection ? { detection } : {}),
  };
  if (values.json) {
    process.stdout.write(JSON.stringify(out) + "\n");
  } else {
    const unknown =
      Object.entries(total.unknownFields)
        .map(([k, v]) => `${k} (${v})`)
        .join(", ") || "none";
    console.log(
      [
        `read:       ${total.read}`,
        `accepted:   ${total.accepted}`,
        `rejected:   ${total.rejected}${rejectFiles.length ? `  -> ${rejectFiles.join(", ")}` : ""}`,
        `unknown fields: ${unknown}`,
        `seconds:    ${total.seconds.toFixed(2)}`,
        `records/s:  ${total.recordsPerSecond}`,
        detection
          ? `detection:  run ${detection.run_id} (${detection.mode}), ${detection.clusters} clusters, ${detection.seconds} s`
          : "",
      ]
        .filter(Boolean)
        .join("\n"),
    );
  }
  return 0;
});

/** The detection run `--detect` asks for after the files are in: incremental from the previous run's state. */
async function detectAfterIngest(config: Config, db: Database, accepted: number) {
  const { runs, state } = cliRuns(config, db, createLogger(config.debug ? "debug" : "warn"));
  if (!state) throw new Error("ingest: --detect needs DETECT_INCREMENTAL (on by default); it is off here");
  try {
    const r = await runs.runNow(`ingest-cli:${accepted}`, undefined, { incremental: true });
    return {
      run_id: r.document.run_id,
      mode: r.stats.incremental ? "incremental" : "full",
      clusters: r.document.clusters.length,
      changes: r.diff.counts,
      seconds: r.timings.total,
    };
  } finally {
    await state.flush();
  }
}

/** `--bulk`: the offline importer into an empty database (see server/ingest/bulk/bulk-load.ts). */
async function runBulk(
  config: Config,
  files: string[],
  mapping: CompiledMapping | null,
  batchSize: number,
  values: { json?: boolean; rejects?: string },
): Promise<number> {
  const sinks = files.map((f) => new FileRejectSink(values.rejects ?? `${f}.rejects.ndjson`));
  const sources = files.map((file, i) => ({
    name: file,
    rejects: sinks[i]!,
    records: mapping ? readMappedFile(file, mapping) : readFileRecords(file, { parse: false }),
  }));
  const log = values.json ? undefined : (line: string) => process.stderr.write(`${line}\n`);
  const r = await bulkLoad(config, sources, { batchSize, ...(log ? { log } : {}) });
  for (const s of sinks) await s.close();
  const rejectFiles = sinks.filter((s) => s.used).map((s) => s.path);
  const out = { files, bulk: true, ...r.summary, rejectsFiles: rejectFiles, graph: r.counts, phases: r.phases };
  if (values.json) process.stdout.write(JSON.stringify(out) + "\n");
  else
    console.log(
      [
        `read:       ${r.summary.read}`,
        `accepted:   ${r.summary.accepted}${r.files.replaced ? ` (${r.files.replaced} replaced by a later record)` : ""}`,
        `rejected:   ${r.summary.rejected}${rejectFiles.length ? `  -> ${rejectFiles.join(", ")}` : ""}`,
        `unknown fields: ${
          Object.entries(r.summary.unknownFields)
            .map(([k, v]) => `${k} (${v})`)
            .join(", ") || "none"
        }`,
        `graph:      ${r.counts.applications} applications, ${Object.values(r.counts.identifiers).reduce((a, b) => a + b, 0)} identifiers, ${r.counts.links} links`,
        `seconds:    ${r.phases.total} (CSV ${r.phases.csv}, stop ${r.phases.stop}, import ${r.phases.import}, start ${r.phases.start}, schema and indexes ${r.phases.schema})`,
        `records/s:  ${r.summary.recordsPerSecond}`,
      ].join("\n"),
    );
  return 0;
}
