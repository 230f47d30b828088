/**
 * Chaos: kills during an ingest through the API server
 * ====================================================
 *
 * Each round starts from an empty store (so the kills hit a first load, the case with most to lose),
 * starts the API server and pushes the population through POST /api/ingest as an applicant-tracking
 * system would (server/chaos/http-ingest.ts). At a random point it kills Neo4j with SIGKILL and starts
 * it again (the server's in-flight batch retries through the outage), then at a random later point kills
 * the API server with SIGKILL. It restarts the server and runs the ingest again from the first body the
 * client had no answer for (an answered write is committed: that is what this checks), then compares the
 * graph with the clean ingest's fingerprint (counts per label and relationship type of what ingest writes,
 * and a checksum over sorted application ids with names, indicators and identifier links).
 */
import type { Config } from "../config.js";
import { ApplicationRepository } from "../db/application.repository.js";
import type { Database } from "../db/database.js";
import { fingerprintDifferences, graphFingerprint, type GraphFingerprint } from "../db/graph-fingerprint.js";
import type { Rng } from "../../seed/rng.js";
import { ApiServer, createIngestToken } from "./api-server.js";
import { httpIngest, type HttpIngestResult } from "./http-ingest.js";
import { killNeo4j, restartNeo4j, runScript, wipeStore, type Child } from "./processes.js";

export interface RoundResult {
  round: number;
  wipeSeconds: number;
  neo4jKilledAt: number | null;
  applicationsAtNeo4jKill: number | null;
  neo4jRestartSeconds: number;
  /** What the first ingest did: survived the Neo4j kill, finished, or failed (with why). */
  firstIngest: string;
  apiKilledAt: number | null;
  applicationsAtApiKill: number | null;
  apiRestartSeconds: number;
  rerun: HttpIngestResult | null;
  countsEqual: boolean;
  checksumEqual: boolean;
  equal: boolean;
  differences: string[];
  seconds: number;
}

export interface IngestChaosContext {
  config: Config;
  env: NodeJS.ProcessEnv;
  file: string;
  port: number;
  /** Bodies the file makes at `chunkLines` lines each: kill points are drawn over them. */
  bodies: number;
  chunkLines: number;
  reference: GraphFingerprint;
  /** The labels and relationship types ingest writes (users, tokens and the audit trail are not compared). */
  only: { labels: readonly string[]; relationships: readonly string[] };
  connect(): Promise<Database>;
  say(line: string): void;
}

/** `npm run ingest [--bulk]` of the whole file in one child process (the clean reference). */
export function startCliIngest(ctx: { env: NodeJS.ProcessEnv; file: string; bulk?: boolean }): Child {
  return runScript(
    "server/cli/ingest.ts",
    [...(ctx.bulk ? ["--bulk"] : []), "--json", "--rejects", `${ctx.file}.chaos-rejects.ndjson`, ctx.file],
    ctx.env,
  );
}

async function applications(ctx: IngestChaosContext): Promise<number | null> {
  let db: Database | null = null;
  try {
    db = await ctx.connect();
    return (await new ApplicationRepository(db).counts()).applications;
  } catch {
    return null;
  } finally {
    await db?.close();
  }
}

/** An ingest in flight, with its outcome once settled. */
function track(start: (onBody: (r: HttpIngestResult) => void) => Promise<HttpIngestResult>) {
  const t = { settled: false, outcome: "", acknowledged: 0, promise: null as unknown as Promise<HttpIngestResult> };
  const p = start((r) => (t.acknowledged = r.bodies));
  t.promise = p;
  p.then(
    (r) => {
      t.settled = true;
      t.outcome = `finished: ${r.accepted} accepted in ${r.seconds.toFixed(0)} s (${r.retriedAfter503} bodies re-sent after 503)`;
    },
    (err: Error) => {
      t.settled = true;
      t.outcome =
        `failed: ${err.message}${(err as { cause?: Error }).cause ? ` (${(err as { cause?: Error }).cause!.message})` : ""}`.slice(
          0,
          240,
        );
    },
  );
  return t;
}

const waitOrSettled = (t: { settled: boolean; promise: Promise<unknown> }, ms: number) =>
  Promise.race([t.promise.catch(() => undefined), new Promise((r) => setTimeout(r, ms))]).then(() => !t.settled);

/**
 * Waits until `bodies` bodies are acknowledged, then a random part of one body's time more, so that the
 * kill lands inside a body's transactions at a point drawn by progress, not by a guess of the duration
 * (the shared machine makes durations vary several-fold). True when the ingest is still running.
 */
async function waitForProgress(
  t: { settled: boolean; acknowledged: number; promise: Promise<unknown> },
  bodies: number,
  fraction: number,
): Promise<boolean> {
  const t0 = performance.now();
  const from = t.acknowledged;
  while (!t.settled && t.acknowledged < bodies) await waitOrSettled(t, 200);
  if (t.settled) return false;
  const perBody = (performance.now() - t0) / Math.max(1, t.acknowledged - from);
  return waitOrSettled(t, fraction * perBody);
}

export async function ingestRound(ctx: IngestChaosContext, round: number, rng: Rng): Promise<RoundResult> {
  const B = ctx.bodies;
  const started = performance.now();
  const r: RoundResult = {
    round,
    wipeSeconds: 0,
    neo4jKilledAt: null,
    applicationsAtNeo4jKill: null,
    neo4jRestartSeconds: 0,
    firstIngest: "",
    apiKilledAt: null,
    applicationsAtApiKill: null,
    apiRestartSeconds: 0,
    rerun: null,
    countsEqual: false,
    checksumEqual: false,
    equal: false,
    differences: [],
    seconds: 0,
  };
  r.wipeSeconds = await wipeStore(ctx.config);
  const setup = await ctx.connect();
  let token: string;
  try {
    const left = (await new ApplicationRepository(setup).counts()).applications;
    if (left !== 0) throw new Error(`chaos: the store still holds ${left} applications after the wipe`);
    await setup.applySchema();
    token = await createIngestToken(ctx.config, setup);
  } finally {
    await setup.close();
  }
  let server = await ApiServer.start(ctx.env, ctx.port);
  ctx.say(
    `  round ${round}: empty store (${r.wipeSeconds.toFixed(0)} s), API server pid ${server.child.process.pid} up in ${server.startSeconds.toFixed(0)} s; ingest over HTTP starts`,
  );
  let ingest = track((onBody) => httpIngest(server, token, ctx.file, { onBody, chunkLines: ctx.chunkLines }));
  const t0 = performance.now();
  const elapsed = () => Number(((performance.now() - t0) / 1000).toFixed(1));

  // Neo4j dies somewhere in the first 80 % of the ingest.
  const neo4jAt = Math.floor((0.05 + 0.7 * rng.float()) * B);
  const apiAt = neo4jAt + 1 + Math.floor(rng.float() * 0.9 * Math.max(0, B - neo4jAt - 2));
  ctx.say(`  round ${round}: Neo4j dies during body ${neo4jAt + 1} of ${B}, the API server during body ${apiAt + 1}`);
  if (await waitForProgress(ingest, neo4jAt, rng.float())) {
    r.applicationsAtNeo4jKill = await applications(ctx);
    r.neo4jKilledAt = elapsed();
    const pid = await killNeo4j(ctx.config);
    ctx.say(
      `  round ${round}: kill -9 Neo4j (pid ${pid}) at ${r.neo4jKilledAt} s, ${r.applicationsAtNeo4jKill} applications stored`,
    );
    r.neo4jRestartSeconds = await restartNeo4j(ctx.config);
    ctx.say(`  round ${round}: Neo4j back after ${r.neo4jRestartSeconds.toFixed(0)} s`);
  }
  // Then the API server dies at a random point of what is left (during a fresh ingest if the first ended).
  if (!(await waitForProgress(ingest, apiAt, rng.float()))) {
    r.firstIngest = ingest.outcome;
    ctx.say(`  round ${round}: first ingest ${ingest.outcome}; a second one starts, to kill the server during it`);
    ingest = track((onBody) => httpIngest(server, token, ctx.file, { onBody, chunkLines: ctx.chunkLines }));
    await waitForProgress(ingest, Math.floor(rng.float() * B), rng.float());
  } else r.firstIngest = "still running after the Neo4j restart (the server retried through the outage)";
  if (!ingest.settled) {
    r.applicationsAtApiKill = await applications(ctx);
    r.apiKilledAt = elapsed();
    const pid = server.child.process.pid;
    await server.kill9();
    await ingest.promise.catch(() => undefined);
    ctx.say(
      `  round ${round}: kill -9 API server (pid ${pid}) at ${r.apiKilledAt} s, ${r.applicationsAtApiKill} applications stored, ${ingest.acknowledged} bodies acknowledged; the client saw: ${ingest.outcome}`,
    );
  } else {
    ctx.say(`  round ${round}: the ingest ended before the server kill (${ingest.outcome}); killing the idle server`);
    await server.kill9();
  }
  server = await ApiServer.start(ctx.env, ctx.port);
  r.apiRestartSeconds = server.startSeconds;
  try {
    // Resume after what was acknowledged (everything again when the last ingest ran to its end).
    r.rerun = await httpIngest(server, token, ctx.file, {
      chunkLines: ctx.chunkLines,
      fromBody: ingest.settled && !ingest.outcome.startsWith("failed") ? 0 : ingest.acknowledged,
    });
  } catch (err) {
    throw new Error(`chaos: round ${round}: the re-run ingest failed: ${(err as Error).message}`, { cause: err });
  } finally {
    await server.kill9();
  }
  ctx.say(
    `  round ${round}: server back in ${r.apiRestartSeconds.toFixed(0)} s; re-run from body ${r.rerun.skipped + 1}: ${r.rerun.accepted} accepted, ${r.rerun.rejected} rejected in ${r.rerun.seconds.toFixed(0)} s`,
  );
  const db = await ctx.connect();
  try {
    const got = await graphFingerprint(db, ctx.only);
    r.differences = fingerprintDifferences(ctx.reference, got);
    r.countsEqual = !r.differences.some((d) => d.startsWith("label ") || d.startsWith("relationship "));
    r.checksumEqual = got.checksum === ctx.reference.checksum && got.applications === ctx.reference.applications;
  } finally {
    await db.close();
  }
  r.equal = r.differences.length === 0;
  r.seconds = (performance.now() - started) / 1000;
  return r;
}
