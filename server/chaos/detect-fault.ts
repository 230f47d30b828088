/**
 * Chaos: kill -9 during a detection run
 * =====================================
 *
 * Makes sure a finished run exists, starts `npm run detect`, kills it with SIGKILL while its run is
 * `running`, and checks that readers still get the previous finished run (same id, same clusters);
 * then runs detection again until it takes the stale lock over (it may refuse while the dead holder's
 * lease has not expired) and checks that it finishes, becomes the run readers see, and that the
 * killed run is marked failed.
 */
import { RunsRepository } from "../db/runs.repository.js";
import type { Database } from "../db/database.js";
import type { Rng } from "../../seed/rng.js";
import { runScript, waitWhileRunning } from "./processes.js";

export interface DetectFaultResult {
  previousRun: string;
  killedRun: string | null;
  killedAfterSeconds: number;
  readersKeptPrevious: boolean;
  refusalsBeforeTakeover: number;
  nextRun: string | null;
  nextFinished: boolean;
  killedRunStatus: string | null;
  ok: boolean;
}

interface Ctx {
  env: NodeJS.ProcessEnv;
  connect(): Promise<Database>;
  say(line: string): void;
}

async function withRuns<T>(ctx: Ctx, f: (runs: RunsRepository) => Promise<T>): Promise<T> {
  const db = await ctx.connect();
  try {
    return await f(new RunsRepository(db));
  } finally {
    await db.close();
  }
}

const detect = (ctx: Ctx) => runScript("server/cli/detect.ts", ["--json", "--out", "/dev/null"], ctx.env);

export async function detectFault(ctx: Ctx, rng: Rng): Promise<DetectFaultResult> {
  let previous = await withRuns(ctx, (r) => r.latestFinished());
  if (!previous) {
    ctx.say("  no finished run yet: running detection once to completion");
    const e = await detect(ctx).exited;
    if (e.code !== 0) throw new Error(`chaos: detection failed: ${e.stderr.slice(-500)}`);
    previous = await withRuns(ctx, (r) => r.latestFinished());
  }
  const previousId = previous!.id;
  const previousClusters = await withRuns(ctx, (r) => r.clusterCount(previousId));
  ctx.say(`  previous finished run ${previousId} (${previousClusters} clusters)`);

  const child = detect(ctx);
  const t0 = performance.now();
  // Wait for the run to exist, then kill it a random few seconds into its work.
  let killedRun: string | null = null;
  while (child.running() && !killedRun) {
    await waitWhileRunning(child, 500);
    const { runs } = await withRuns(ctx, (r) => r.list(5, 0));
    killedRun = runs.find((x) => x.status === "running")?.id ?? null;
  }
  await waitWhileRunning(child, 1000 + rng.float() * 20_000);
  const killedAfterSeconds = (performance.now() - t0) / 1000;
  const wasRunning = child.running();
  await child.kill9();
  ctx.say(
    `  kill -9 detect (run ${killedRun}) at ${killedAfterSeconds.toFixed(1)} s${wasRunning ? "" : " (it had already ended)"}`,
  );

  const now = await withRuns(ctx, (r) => r.latestFinished());
  const readersKeptPrevious =
    now?.id === previousId && (await withRuns(ctx, (r) => r.clusterCount(previousId))) === previousClusters;
  ctx.say(
    `  readers see run ${now?.id}: ${readersKeptPrevious ? "the previous one, unchanged" : "NOT the previous one"}`,
  );

  let refusals = 0;
  let nextRun: string | null = null;
  let nextFinished = false;
  const deadline = Date.now() + 10 * 60_000;
  while (Date.now() < deadline) {
    const e = await detect(ctx).exited;
    if (e.code === 0) {
      const latest = await withRuns(ctx, (r) => r.latestFinished());
      nextRun = latest?.id ?? null;
      nextFinished = nextRun !== null && nextRun !== previousId;
      break;
    }
    refusals++;
    ctx.say(`  detect refused (${e.stderr.trim().split("\n").pop()?.slice(0, 160)}); retrying in 15 s`);
    await new Promise((r) => setTimeout(r, 15_000));
  }
  const killedRunStatus = killedRun ? ((await withRuns(ctx, (r) => r.byId(killedRun!)))?.status ?? "deleted") : null;
  ctx.say(`  next run ${nextRun} ${nextFinished ? "finished" : "did NOT finish"}; killed run is ${killedRunStatus}`);
  return {
    previousRun: previousId,
    killedRun,
    killedAfterSeconds,
    readersKeptPrevious,
    refusalsBeforeTakeover: refusals,
    nextRun,
    nextFinished,
    killedRunStatus,
    ok: wasRunning && readersKeptPrevious && nextFinished && killedRunStatus !== "running",
  };
}
