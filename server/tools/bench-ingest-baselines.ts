/**
 * bench:ingest's baselines: the warm-up before the measured pipeline, the "shape only" writes (Neo4j's own
 * cost for this graph shape), the same shape through the pipeline's own path, and the "bare writes" (the
 * cheapest write there is); see bench-ingest.ts.
 */
import type { BenchRepository, ShapePathRepository } from "./bench.repository.js";
import { ingestRecords } from "../ingest/pipeline.js";
import { readFileRecords } from "../ingest/readers.js";
import { normaliseRecord, type NormalisedApplication } from "../ingest/record.js";
import { MemoryRejectSink } from "../ingest/rejects.js";
import { processCpuSeconds } from "../neo4j/process-cpu.js";
import { startServerRecording, type ServerProfile } from "./server-profile.js";

/** Writes the first `sample` records of the file, normalised beforehand, as bare nodes and links. */
export async function measureShapeOnly(
  repo: BenchRepository,
  file: string,
  sample: number,
  batchSize: number,
  neo4jPid: number | null,
  profile = false,
): Promise<{
  apps: number;
  seconds: number;
  neo4jMicros: number | null;
  entitiesPerApp: number;
  profile: ServerProfile | null;
}> {
  await repo.deleteAll();
  const apps: NormalisedApplication[] = [];
  for await (const raw of readFileRecords(file)) {
    const r = normaliseRecord(raw.value);
    if (r.ok) apps.push(r.application);
    if (apps.length >= sample) break;
  }
  const recording = profile && neo4jPid ? startServerRecording(neo4jPid) : null;
  const cpu0 = processCpuSeconds(neo4jPid);
  const t0 = performance.now();
  for (let i = 0; i < apps.length; i += batchSize) await repo.writeShapeOnly(apps.slice(i, i + batchSize));
  const seconds = (performance.now() - t0) / 1000;
  const cpu1 = processCpuSeconds(neo4jPid);
  const serverProfile = recording ? await recording.stop() : null;
  const neo4jMicros = cpu0 !== null && cpu1 !== null ? Math.round(((cpu1 - cpu0) / apps.length) * 1e6) : null;
  // Graph entities the sample needs: its application nodes, its distinct identifier nodes and its links.
  const identifiers = new Set(apps.flatMap((a) => a.identifiers.map((i) => `${i.kind}:${i.key}`)));
  const links = apps.reduce((n, a) => n + a.identifiers.length, 0);
  return {
    apps: apps.length,
    seconds,
    neo4jMicros,
    entitiesPerApp: (apps.length + identifiers.size + links) / apps.length,
    profile: serverProfile,
  };
}

/** The file's first `count` records, as read. */
async function* firstRecords(file: string, count: number) {
  let n = 0;
  for await (const r of readFileRecords(file)) {
    if (++n > count) return;
    yield r;
  }
}

/**
 * The file's first `count` records through the pipeline, then deleted: their count, seconds and, given the
 * server's pid, Neo4j's CPU per application while they were written (the deletion not counted).
 */
export async function pipelineOnFirst(
  repo: BenchRepository,
  file: string,
  count: number,
  opts: { batchSize: number; concurrency?: number },
  neo4jPid: number | null = null,
): Promise<{ accepted: number; seconds: number; neo4jMicros: number | null }> {
  const cpu0 = processCpuSeconds(neo4jPid);
  const s = await ingestRecords(repo, firstRecords(file, count), { ...opts, rejects: new MemoryRejectSink(10) });
  const cpu1 = processCpuSeconds(neo4jPid);
  await repo.deleteAll();
  const neo4jMicros = cpu0 !== null && cpu1 !== null ? Math.round(((cpu1 - cpu0) / s.accepted) * 1e6) : null;
  return { accepted: s.accepted, seconds: s.seconds, neo4jMicros };
}

/**
 * The file's first `count` records through the pipeline (read, normalised, batched, the same batches in
 * flight) into an emptied database, written by the shape path (ShapePathRepository): its rate and Neo4j's
 * CPU per application. Deleted afterwards.
 */
export async function measureShapePath(
  repo: ShapePathRepository,
  file: string,
  count: number,
  opts: { batchSize: number; concurrency: number },
  neo4jPid: number | null,
): Promise<{ accepted: number; seconds: number; neo4jMicros: number | null }> {
  await repo.deleteAll();
  return pipelineOnFirst(repo, file, count, opts, neo4jPid);
}

/**
 * A server the bench has just started runs its first minute interpreted and with a cold page cache, while
 * the shape-only and bare-write baselines run after the pipeline on a warm one. Warming it first with the
 * file's first `count` records compares both sides in the steady state of a server that has been up; the
 * warm-up's own rate is printed (the cold figure).
 */
export async function warmUp(
  repo: BenchRepository,
  file: string,
  count: number,
  batchSize: number,
  concurrency: number,
): Promise<void> {
  if (count <= 0) return;
  const s = await pipelineOnFirst(repo, file, count, { batchSize, concurrency });
  console.log(
    `warm-up: the first ${s.accepted} applications at ${Math.round(s.accepted / s.seconds)} applications/s (then deleted)`,
  );
}

/**
 * Neo4j's rate for its cheapest write (bare node pairs and a relationship, 3 entities a row), after a
 * warm-up of the same statement so that the JIT has compiled it, and its CPU per entity.
 */
export async function measureBareWrites(
  repo: BenchRepository,
  neo4jPid: number | null,
): Promise<{ entities: number; seconds: number; neo4jMicrosPerEntity: number | null }> {
  const rowsPerTx = 20000;
  const transactions = 10;
  for (let i = 0; i < 3; i++) await repo.writeBareChains(rowsPerTx);
  await repo.deleteBareChains();
  const cpu0 = processCpuSeconds(neo4jPid);
  const t0 = performance.now();
  for (let i = 0; i < transactions; i++) await repo.writeBareChains(rowsPerTx);
  const seconds = (performance.now() - t0) / 1000;
  const cpu1 = processCpuSeconds(neo4jPid);
  await repo.deleteBareChains();
  const entities = rowsPerTx * transactions * 3;
  const neo4jMicrosPerEntity = cpu0 !== null && cpu1 !== null ? ((cpu1 - cpu0) / entities) * 1e6 : null;
  return { entities, seconds, neo4jMicrosPerEntity };
}
