/**
 * `bench:ingest --bulk`: the offline importer's file-to-serving time beside the pipeline's rate on a
 * sample of the same file; see bench-ingest.ts.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";

import type { Config } from "../config.js";
import { BenchRepository } from "./bench.repository.js";
import { connectDatabase } from "../db/database.js";
import { fingerprint, markPopulation, type Fingerprint } from "./eval-population.js";
import { bulkLoad } from "../ingest/bulk/bulk-load.js";
import { pipelineOnFirst } from "./bench-ingest-baselines.js";
import { readFileRecords } from "../ingest/readers.js";
import { MemoryRejectSink } from "../ingest/rejects.js";

/**
 * The population's fingerprint read from a seeded NDJSON file instead of generating it again: the seeder
 * writes each record as `JSON.stringify(record)` and a newline, which is what the fingerprint hashes.
 */
async function fileFingerprint(file: string, spec: { apps: number; seed: number }): Promise<Fingerprint> {
  const t0 = performance.now();
  const hash = crypto.createHash("sha256");
  for await (const chunk of fs.createReadStream(file)) hash.update(chunk as Buffer);
  return { spec, hash: hash.digest("hex"), truth: [], seconds: (performance.now() - t0) / 1000 };
}

/**
 * `--bulk`: the pipeline's rate on the file's first `sample` records, then the whole file from file to a
 * serving database (indexes online) with the offline importer, each phase timed, with this process's
 * and the importer's CPU. `--keep` leaves the population loaded and marked for bench:detect.
 */
export async function benchBulk(
  config: Config,
  file: string,
  apps: number,
  seed: number,
  sample: number,
  batchSize: number,
  keep: boolean | undefined,
  given: boolean,
): Promise<void> {
  const db = await connectDatabase(config);
  const repo = new BenchRepository(db);
  let pipelineRate: number;
  try {
    await repo.deleteAll();
    await db.applySchema();
    const s = await pipelineOnFirst(repo, file, sample, { batchSize });
    pipelineRate = s.accepted / s.seconds;
    console.log(
      `pipeline (sample): ${s.accepted} applications in ${s.seconds.toFixed(1)} s = ${Math.round(pipelineRate)} applications/s`,
    );
  } finally {
    await db.close();
  }
  const own0 = process.cpuUsage();
  const tBulk = performance.now();
  const r = await bulkLoad(
    config,
    [{ name: file, records: readFileRecords(file, { parse: false }), rejects: new MemoryRejectSink(10) }],
    {
      batchSize,
      // The sub-phases, the importer's stages and summary (not its progress lines), seconds into the load.
      log: (line) => {
        if (
          !line.startsWith("[import]") ||
          /IMPORT DONE|Imported:|Peak memory|\(\d\/\d\)|^\[import\] [A-Z][a-z]+ ?[a-z ]*:?$/.test(line)
        )
          console.log(`  +${((performance.now() - tBulk) / 1000).toFixed(1)} s ${line}`);
      },
    },
  );
  const own = process.cpuUsage(own0);
  const bulkRate = r.summary.accepted / r.phases.total;
  const us = (cpu: number) => Math.round((cpu / r.summary.accepted) * 1e6);
  const ownCpu = (own.user + own.system) / 1e6;
  const importerCpu = r.cpu.importer;
  const serverCpu = r.cpu.server;
  console.log(
    `bulk load: ${r.summary.accepted} applications from file to a serving database (indexes online) in ${r.phases.total.toFixed(1)} s = ${Math.round(bulkRate)} applications/s` +
      ` (${(bulkRate / pipelineRate).toFixed(1)}x the pipeline's sample rate); target 180 s: ${r.phases.total <= 180 ? "met" : "MISSED"}`,
  );
  console.log(
    `  phases (s): read, normalise and write CSVs ${r.phases.csv}, stop ${r.phases.stop}, offline import ${r.phases.import}, ` +
      `start ${r.phases.start}, schema and indexes ${r.phases.schema}`,
  );
  console.log(
    `  CPU: this process ${ownCpu.toFixed(1)} s (${us(ownCpu)} µs/application)` +
      (importerCpu !== null ? `, importer ${importerCpu.toFixed(1)} s (${us(importerCpu)} µs/application)` : "") +
      (serverCpu !== null
        ? `, server from its start ${serverCpu.toFixed(1)} s (${us(serverCpu)} µs/application)`
        : "") +
      `; graph ${r.counts.applications} applications, ${r.counts.links} links; ${os.cpus().length} cores, load ${os.loadavg()[0]!.toFixed(1)}`,
  );
  console.log(
    JSON.stringify({
      apps,
      bulk_seconds: r.phases.total,
      bulk_apps_per_s: Math.round(bulkRate),
      pipeline_sample: sample,
      pipeline_apps_per_s: Math.round(pipelineRate),
      ratio: Number((bulkRate / pipelineRate).toFixed(1)),
      phases: r.phases,
      bulk_process_cpu_s: Number(ownCpu.toFixed(1)),
      importer_cpu_s: importerCpu === null ? null : Number(importerCpu.toFixed(1)),
      server_cpu_s: serverCpu === null ? null : Number(serverCpu.toFixed(1)),
    }),
  );
  if (keep) {
    markPopulation(
      config,
      given ? await fileFingerprint(file, { apps, seed }) : await fingerprint({ apps, seed }, false),
      r.counts,
    );
    console.log(`kept: instance "${config.neo4j.instance}" holds the population, marked for bench:detect`);
  } else {
    const db2 = await connectDatabase(config);
    await new BenchRepository(db2).deleteAll();
    await db2.close();
  }
}
