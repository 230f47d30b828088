/**
 * bench:detect's incremental measurement, end to end through Neo4j
 * ================================================================
 *
 * On a loaded population: the `batch` most recently submitted applications are taken out of the graph
 * (their records kept, from the population file or the seed generator, and copied to a temporary file), a
 * full detection run over the rest is timed as the baseline (read, detection, write, as `npm run detect`
 * does, keeping its state for the next run), the batch is ingested again through the pipeline (timed
 * apart), and an incremental run is timed: read of what was ingested since, detection of the touched
 * components, write of the run, until readers see it. With `verify`, a full pass over the graph afterwards
 * must give the same clusters and common infrastructure; with `cpuProf`, the incremental run's CPU is
 * profiled and summarised. The store ends holding what it held.
 */
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import readline from "node:readline";
import { Readable } from "node:stream";

import type { Config } from "../config.js";
import { buildContainer } from "../container.js";
import type { ContractCluster } from "../common/detection.js";
import type { Database } from "../db/database.js";
import { rankClusters } from "../detect/rank.js";
import { ingestRecords } from "../ingest/pipeline.js";
import { readRecords } from "../ingest/readers.js";
import { MemoryRejectSink } from "../ingest/rejects.js";
import { createLogger } from "../logger.js";
import { detectFromDatabase } from "../runs/detect-from-database.js";
import type { RunResult } from "../runs/runner.js";
import { RunsRepository } from "../runs/runs.repository.js";
import { BenchRepository } from "./bench.repository.js";
import { startProfile } from "./cpu-profile.js";
import { processCpuSeconds } from "../neo4j/process-cpu.js";
import { status } from "../neo4j/manager.js";
import { seededRecords, type PopulationSpec } from "./eval-population.js";

export interface IncrementalOptions {
  batch: number;
  /** The population's NDJSON file (faster than generating the records again). */
  file?: string;
  spec: PopulationSpec;
  verify: boolean;
  /** Profile the incremental run's CPU into this directory (server/tools/cpu-profile.ts). */
  cpuProf?: string;
  sample: () => void;
}

const log = (m: string) => process.stderr.write(`bench:detect: ${m}\n`);

/** The raw lines of the records with these ids, from the file (an id is found without parsing the line). */
async function recordLines(ids: Set<string>, file: string | undefined, spec: PopulationSpec): Promise<string[]> {
  const out: string[] = [];
  if (file) {
    const lines = readline.createInterface({ input: fs.createReadStream(file), crlfDelay: Infinity });
    for await (const line of lines) {
      const m = /"application_id"\s*:\s*"([^"]+)"/.exec(line);
      if (m && ids.has(m[1]!)) out.push(line);
    }
    return out;
  }
  for await (const r of seededRecords(spec)) if (ids.has(r.application_id)) out.push(JSON.stringify(r));
  return out;
}

const digest = (v: unknown) => createHash("sha256").update(JSON.stringify(v)).digest("hex");
const strip = ({ id: _i, change: _c, ...rest }: ContractCluster) => (void _i, void _c, rest);
const round = (s: number) => Math.round(s * 1000) / 1000;

export async function measureIncremental(db: Database, config: Config, o: IncrementalOptions) {
  // The incremental read seeks by ingested_at: its index must be online before anything is timed.
  await db.applySchema();
  const bench = new BenchRepository(db);
  const ids = await bench.recentApplicationIds(o.batch);
  const lines = await recordLines(new Set(ids), o.file, o.spec);
  if (lines.length !== ids.length)
    throw new Error(`bench:detect: found ${lines.length} of the batch's ${ids.length} records in the population`);
  const backup = path.join(os.tmpdir(), `ringscope-bench-detect-batch-${process.pid}.ndjson`);
  fs.writeFileSync(backup, lines.join("\n") + "\n");
  log(`holding back the ${ids.length} most recent applications (records kept in ${backup})`);
  let t = performance.now();
  await bench.deleteApplications(ids);
  const deleteSeconds = (performance.now() - t) / 1000;
  // The runs service as the server builds it (server/container.ts): rule points prepared, clusters
  // annotated, the state kept in memory and in a state file, here in a folder of its own; no schedule.
  const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), "ringscope-bench-detect-state-"));
  const container = await buildContainer(
    {
      ...config,
      detect: { ...config.detect, cron: "", incremental: true, stateFile: path.join(stateDir, "state.v8") },
      screen: { ...config.screen, watchlistSyncSeconds: 0 },
    },
    db,
    createLogger("silent"),
  );
  const runs = container.services.runs;
  // Whatever happens, the batch goes back in: the store must end as it began.
  const restore = async () => {
    log("ingesting the batch again through the pipeline");
    const t1 = performance.now();
    const summary = await ingestRecords(bench, readRecords(Readable.from([lines.join("\n")]), "ndjson"), {
      batchSize: config.ingest.batchSize,
      rejects: new MemoryRejectSink(),
    });
    if (summary.accepted !== lines.length)
      throw new Error(`bench:detect: the batch went back with ${summary.accepted} of ${lines.length} accepted`);
    return (performance.now() - t1) / 1000;
  };
  let full: RunResult;
  try {
    log("full run over the rest (the baseline)");
    full = await runs.runNow("bench:full", () => o.sample());
    o.sample();
  } catch (err) {
    await restore();
    throw err;
  }
  const ingestSeconds = await restore();
  fs.rmSync(backup, { force: true });
  log("incremental run");
  const profiler = o.cpuProf ? await startProfile(o.cpuProf, `incremental-${process.pid}`) : null;
  // CPU seconds this process and Neo4j used during the run, beside its wall time: on a shared machine the
  // difference is time spent waiting for a core.
  const neo4jPid = config.neo4j.managed ? (await status(config.neo4j)).pid : null;
  const neo4jCpu0 = processCpuSeconds(neo4jPid);
  const cpu0 = process.cpuUsage();
  t = performance.now();
  // CPU until the run is visible (the runner reports "visible"), and until the lock is freed and old runs deleted.
  let visibleCpu = { own: 0, neo4j: -1 };
  const inc = await runs.runNow(
    "bench:incremental",
    (phase) => {
      o.sample();
      if (phase !== "visible") return;
      const c = process.cpuUsage(cpu0);
      const n = processCpuSeconds(neo4jPid);
      visibleCpu = { own: (c.user + c.system) / 1e6, neo4j: n !== null && neo4jCpu0 !== null ? n - neo4jCpu0 : -1 };
    },
    { incremental: true },
  );
  const incSeconds = (performance.now() - t) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const neo4jCpu1 = processCpuSeconds(neo4jPid);
  await container.shutdown();
  fs.rmSync(stateDir, { recursive: true, force: true });
  const profile = await profiler?.stop();
  o.sample();
  let equal = -1;
  let equalCommon = -1;
  if (o.verify) {
    log("verifying: a full pass over the graph now");
    const fresh = await detectFromDatabase(db);
    const stored = await new RunsRepository(db).byId(inc.document.run_id);
    equal = digest(rankClusters(fresh.clusters)) === digest(inc.document.clusters.map(strip)) ? 1 : 0;
    const common = JSON.parse(String(stored?.common_infrastructure_json)) as unknown;
    equalCommon = digest(fresh.commonInfrastructure) === digest(common) ? 1 : 0;
  }
  const i = inc.stats.incremental;
  return {
    ...(profile ? { profile } : {}),
    fullLoadSeconds: full.timings.load ?? 0,
    timings: {
      ...Object.fromEntries(Object.entries(full.timings).map(([k, v]) => [`full_${k}`, v])),
      ...Object.fromEntries(Object.entries(inc.timings).map(([k, v]) => [`inc_${k}`, v])),
    },
    result: {
      batch: ids.length,
      deleteSeconds: round(deleteSeconds),
      ingestSeconds: round(ingestSeconds),
      // From the run's start (lock taken) until readers see it (server/runs/runner.ts, `visible`).
      fullRunSeconds: round(full.timings.visible ?? 0),
      incrementalRunSeconds: round(inc.timings.visible ?? 0),
      incrementalWallSeconds: round(incSeconds),
      incrementalProcessCpuSeconds: round((cpu.user + cpu.system) / 1e6),
      incrementalNeo4jCpuSeconds: neo4jCpu0 !== null && neo4jCpu1 !== null ? round(neo4jCpu1 - neo4jCpu0) : -1,
      visibleProcessCpuSeconds: round(visibleCpu.own),
      visibleNeo4jCpuSeconds: round(visibleCpu.neo4j),
      incrementalMode: i ? 1 : 0,
      ingestedSince: i?.ingested ?? 0,
      reread: i?.reread ?? 0,
      identifiersReread: i?.identifiers ?? 0,
      componentsRecomputed: inc.stats.components_recomputed ?? 0,
      componentsReused: inc.stats.components_reused ?? 0,
      clustersFull: full.document.clusters.length,
      clusters: inc.document.clusters.length,
      newOrGrown: (inc.diff.counts.new ?? 0) + (inc.diff.counts.grown ?? 0) + (inc.diff.counts.merged ?? 0),
      clustersWritten: Number(inc.persisted.clusters_written),
      clustersLinked: Number(inc.persisted.clusters_linked),
      equalToFullPass: equal,
      commonInfrastructureEqual: equalCommon,
    },
  };
}
