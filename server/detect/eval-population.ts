/**
 * Seeded population for eval and bench
 * ====================================
 *
 * Generates a seeded population (seed/generate.ts), fingerprints it, and makes sure the target database
 * holds exactly it: when a marker file beside the instance says the database was loaded with the same
 * fingerprint and the node and link counts still agree, the load is skipped (re-ingesting a million
 * applications for every benchmark would take longer than the benchmark); otherwise the database is
 * EMPTIED and the population ingested through the ingest pipeline.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

import { generatePopulation } from "../../seed/generate.js";
import type { ContractRecord, TruthRow } from "../../seed/types.js";
import type { Config } from "../config.js";
import { ApplicationRepository } from "../db/application.repository.js";
import { connectDatabase, type Database } from "../db/database.js";
import { ingestRecords, type IngestSummary } from "../ingest/pipeline.js";
import type { RawRecord } from "../ingest/readers.js";
import { MemoryRejectSink } from "../ingest/rejects.js";

export interface PopulationSpec {
  apps: number;
  seed: number;
}

export interface Fingerprint {
  spec: PopulationSpec;
  hash: string;
  /** Ground truth, when asked for (the bench does not need it). */
  truth: Pick<TruthRow, "application_id" | "ring_id" | "ring_type" | "lookalike">[];
  seconds: number;
}

interface Marker {
  apps: number;
  seed: number;
  hash: string;
  applications: number;
  links: number;
}

export async function* seededRecords(spec: PopulationSpec): AsyncGenerator<ContractRecord> {
  for await (const { record } of generatePopulation({ apps: spec.apps, seed: spec.seed })) yield record;
}

/** One pass over the generator: a hash of every record, and the truth rows if wanted. */
export async function fingerprint(spec: PopulationSpec, withTruth: boolean): Promise<Fingerprint> {
  const t0 = performance.now();
  const hash = crypto.createHash("sha256");
  const truth: Fingerprint["truth"] = [];
  for await (const { record, truth: t } of generatePopulation({ apps: spec.apps, seed: spec.seed })) {
    hash.update(JSON.stringify(record));
    hash.update("\n");
    if (withTruth)
      truth.push({
        application_id: t.application_id,
        ring_id: t.ring_id,
        ring_type: t.ring_type,
        lookalike: t.lookalike,
      });
  }
  return { spec, hash: hash.digest("hex"), truth, seconds: (performance.now() - t0) / 1000 };
}

function markerPath(config: Config): string | null {
  if (!config.neo4j.managed) return null;
  return path.join(config.neo4j.home, config.neo4j.instance, `ringscope-population-${config.neo4j.database}.json`);
}

async function* rawRecords(spec: PopulationSpec): AsyncGenerator<RawRecord> {
  let line = 0;
  for await (const record of seededRecords(spec)) {
    line++;
    yield { line, text: "", value: record };
  }
}

/** Whether the database holds the population a marker says (same size and seed, counts agree), without hashing it. */
export async function populationMarked(config: Config, spec: PopulationSpec): Promise<boolean> {
  const file = markerPath(config);
  if (!file || !fs.existsSync(file)) return false;
  const m = JSON.parse(fs.readFileSync(file, "utf8")) as Marker;
  if (m.apps !== spec.apps || m.seed !== spec.seed) return false;
  const db = await connectDatabase(config);
  try {
    const counts = await new ApplicationRepository(db).counts();
    return m.applications === counts.applications && m.links === counts.links;
  } finally {
    await db.close();
  }
}

/**
 * Records that the database now holds the fingerprinted population (for a loader outside this module,
 * such as bench:ingest's bulk load), so that the next ensurePopulation reuses it.
 */
export function markPopulation(config: Config, fp: Fingerprint, counts: { applications: number; links: number }): void {
  const file = markerPath(config);
  if (!file) return;
  const marker: Marker = { ...fp.spec, hash: fp.hash, applications: counts.applications, links: counts.links };
  fs.writeFileSync(file, JSON.stringify(marker, null, 2));
}

export interface LoadReport {
  reused: boolean;
  seconds: number;
  summary?: IngestSummary;
}

/**
 * Makes the configured database hold exactly the fingerprinted population. DESTRUCTIVE unless reused:
 * every node of the target database is deleted first.
 */
export async function ensurePopulation(
  config: Config,
  fp: Fingerprint,
  opts: { log?: (msg: string) => void } = {},
): Promise<LoadReport> {
  const log = opts.log ?? (() => undefined);
  const t0 = performance.now();
  const file = markerPath(config);
  const db: Database = await connectDatabase(config);
  try {
    const repo = new ApplicationRepository(db);
    const counts = await repo.counts();
    if (file && fs.existsSync(file)) {
      const m = JSON.parse(fs.readFileSync(file, "utf8")) as Marker;
      if (
        m.hash === fp.hash &&
        m.apps === fp.spec.apps &&
        m.seed === fp.spec.seed &&
        m.applications === counts.applications &&
        m.links === counts.links
      ) {
        log(`population: reusing the loaded ${counts.applications} applications (fingerprint matches)`);
        return { reused: true, seconds: (performance.now() - t0) / 1000 };
      }
    }
    if (file) fs.rmSync(file, { force: true });
    if (counts.applications > 0 || counts.links > 0) {
      log(`population: emptying database "${config.neo4j.database}" (${counts.applications} applications)…`);
      await repo.deleteAll();
    }
    await db.applySchema();
    log(`population: ingesting ${fp.spec.apps} applications…`);
    const summary = await ingestRecords(new ApplicationRepository(db), rawRecords(fp.spec), {
      batchSize: config.ingest.batchSize,
      rejects: new MemoryRejectSink(10),
      onProgress: (s) => {
        if (s.read % 50_000 < config.ingest.batchSize) log(`population: ${s.read} ingested`);
      },
    });
    const after = await new ApplicationRepository(db).counts();
    if (file) {
      const marker: Marker = { ...fp.spec, hash: fp.hash, applications: after.applications, links: after.links };
      fs.writeFileSync(file, JSON.stringify(marker, null, 2));
    }
    return { reused: false, seconds: (performance.now() - t0) / 1000, summary };
  } finally {
    await db.close();
  }
}
