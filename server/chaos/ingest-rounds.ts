/**
 * Chaos: kills during ingest
 * ==========================
 *
 * Each round starts `npm run ingest` on the population, kills Neo4j with SIGKILL at a random point and
 * starts it again (the running ingest retries through the outage or stops), then kills the ingest
 * process itself with SIGKILL at a random point, runs the ingest again to the end and compares the
 * graph with the clean ingest's fingerprint (counts per label and relationship type, checksum over
 * sorted application ids, names, indicators and identifier links).
 */
import type { Config } from "../config.js";
import { ApplicationRepository } from "../db/application.repository.js";
import type { Database } from "../db/database.js";
import { fingerprintDifferences, graphFingerprint, type GraphFingerprint } from "../db/graph-fingerprint.js";
import type { Rng } from "../../seed/rng.js";
import { killNeo4j, restartNeo4j, runScript, waitWhileRunning, type Child } from "./processes.js";

export interface RoundResult {
  round: number;
  neo4jKilledAt: number | null;
  applicationsAtNeo4jKill: number | null;
  neo4jRestartSeconds: number;
  firstIngest: string;
  ingestKilledAt: number | null;
  applicationsAtIngestKill: number | null;
  rerunSeconds: number;
  equal: boolean;
  differences: string[];
}

export interface IngestChaosContext {
  config: Config;
  env: NodeJS.ProcessEnv;
  file: string;
  /** Seconds a clean ingest process ran (start-up included): kill points are drawn within it. */
  cleanSeconds: number;
  reference: GraphFingerprint;
  connect(): Promise<Database>;
  say(line: string): void;
}

export function startIngest(ctx: Pick<IngestChaosContext, "env" | "file">): Child {
  return runScript(
    "server/cli/ingest.ts",
    ["--json", "--rejects", `${ctx.file}.chaos-rejects.ndjson`, ctx.file],
    ctx.env,
  );
}

async function applications(ctx: IngestChaosContext): Promise<number | null> {
  const db = await ctx.connect();
  try {
    return (await new ApplicationRepository(db).counts()).applications;
  } catch {
    return null;
  } finally {
    await db.close();
  }
}

const describeExit = (e: { code: number | null; signal: string | null; stderr: string; seconds: number }) =>
  e.code === 0
    ? `finished in ${e.seconds.toFixed(0)} s`
    : `stopped (exit ${e.code ?? e.signal}) after ${e.seconds.toFixed(0)} s: ${e.stderr.trim().split("\n").pop()?.slice(0, 200)}`;

export async function ingestRound(ctx: IngestChaosContext, round: number, rng: Rng): Promise<RoundResult> {
  const T = ctx.cleanSeconds;
  const r: RoundResult = {
    round,
    neo4jKilledAt: null,
    applicationsAtNeo4jKill: null,
    neo4jRestartSeconds: 0,
    firstIngest: "",
    ingestKilledAt: null,
    applicationsAtIngestKill: null,
    rerunSeconds: 0,
    equal: false,
    differences: [],
  };
  let ingest = startIngest(ctx);
  const t0 = performance.now();
  const elapsed = () => Number(((performance.now() - t0) / 1000).toFixed(1));
  // Neo4j dies somewhere in the first 80% of an ingest.
  if (await waitWhileRunning(ingest, (0.05 + 0.75 * rng.float()) * T * 1000)) {
    r.applicationsAtNeo4jKill = await applications(ctx);
    r.neo4jKilledAt = elapsed();
    const pid = await killNeo4j(ctx.config);
    ctx.say(
      `  round ${round}: kill -9 Neo4j (pid ${pid}) at ${r.neo4jKilledAt} s, ${r.applicationsAtNeo4jKill} applications stored`,
    );
    r.neo4jRestartSeconds = await restartNeo4j(ctx.config);
    ctx.say(`  round ${round}: Neo4j back after ${r.neo4jRestartSeconds.toFixed(0)} s`);
  }
  // Then the ingest process dies at a random point of what is left (a fresh one if the first ended).
  if (!(await waitWhileRunning(ingest, (0.05 + 0.6 * rng.float()) * T * 1000))) {
    r.firstIngest = describeExit(await ingest.exited);
    ingest = startIngest(ctx);
    await waitWhileRunning(ingest, (0.05 + 0.75 * rng.float()) * T * 1000);
  } else r.firstIngest = "still running after the Neo4j restart (retried through the outage)";
  if (ingest.running()) {
    r.applicationsAtIngestKill = await applications(ctx);
    r.ingestKilledAt = elapsed();
    await ingest.kill9();
    ctx.say(
      `  round ${round}: kill -9 ingest (pid ${ingest.process.pid}) at ${r.ingestKilledAt} s, ${r.applicationsAtIngestKill} applications stored`,
    );
  }
  const rerun = await startIngest(ctx).exited;
  r.rerunSeconds = rerun.seconds;
  if (rerun.code !== 0) throw new Error(`chaos: the re-run ingest failed: ${describeExit(rerun)}`);
  const db = await ctx.connect();
  try {
    const only = { labels: Object.keys(ctx.reference.labels), relationships: Object.keys(ctx.reference.relationships) };
    r.differences = fingerprintDifferences(ctx.reference, await graphFingerprint(db, only));
  } finally {
    await db.close();
  }
  r.equal = r.differences.length === 0;
  return r;
}
