/**
 * `npm run detect -- [--out FILE] [--json]`
 * ========================================
 *
 * Runs detection now as a recorded run (taking the same lock as the server, so it never overlaps a
 * scheduled or API run), writes the contract's clusters document to FILE (stdout without --out) and a
 * summary to stderr; a progress bar on a terminal. With --json the summary is one JSON line on stderr.
 */
import fs from "node:fs";
import path from "node:path";

import cliProgress from "cli-progress";

import { loadConfig } from "../config.js";
import { ApplicationRepository } from "../applications/applications.repository.js";
import { connectDatabase } from "../db/database.js";
import { RunsRepository } from "../runs/runs.repository.js";
import { createLogger } from "../logger.js";
import { lazyDetectFromDatabase } from "../runs/detector.js";
import type { RunResult } from "../runs/runner.js";
import { RunsService } from "../runs/runs.service.js";
import { cliArgs, runMain } from "../common/cli-args.js";

const USAGE = "npm run detect -- [--out FILE] [--json]";

runMain(async () => {
  const { values } = cliArgs({ out: { type: "string", short: "o" }, json: { type: "boolean" } }, USAGE);
  const config = loadConfig();
  const out = values.out ? path.resolve(values.out) : null;
  if (out && !fs.existsSync(path.dirname(out)))
    throw new Error(`detect: directory ${path.dirname(out)} does not exist`);
  const db = await connectDatabase(config);
  await db.applySchema();
  const log = createLogger(config.debug ? "debug" : "warn");
  const runs = new RunsService({
    db,
    repo: new RunsRepository(db),
    detect: lazyDetectFromDatabase,
    log,
    runsToKeep: config.detect.runsToKeep,
  });
  const stopOnSignal = () => void runs.shutdown().finally(() => process.exit(130));
  process.once("SIGINT", stopOnSignal);
  process.once("SIGTERM", stopOnSignal);
  let result: RunResult;
  try {
    const applications = (await new ApplicationRepository(db).counts()).applications;
    const progress = makeProgress(process.stderr.isTTY === true && !values.json, applications);
    try {
      result = await runs.runNow("cli", progress.update);
    } finally {
      progress.stop();
    }
  } finally {
    await db.close();
  }
  const text = JSON.stringify(result.document, null, 2) + "\n";
  if (out) fs.writeFileSync(out, text);
  else process.stdout.write(text);
  report(result, out, values.json ?? false);
  return 0;
});

/** A bar per phase on a terminal; one line per phase otherwise. */
function makeProgress(tty: boolean, applications: number) {
  let phase = "";
  const bar = tty
    ? new cliProgress.SingleBar(
        { format: "{phase} [{bar}] {value}/{total}", stream: process.stderr, hideCursor: true },
        cliProgress.Presets.shades_classic,
      )
    : null;
  let started = false;
  return {
    update(next: string, done: number, total?: number) {
      const t = total ?? (next === "load" ? applications : Math.max(done, 1));
      if (bar) {
        if (!started) bar.start(t, done, { phase: next.padEnd(22) });
        started = true;
        if (next !== phase) bar.setTotal(t);
        bar.update(done, { phase: next.padEnd(22) });
      } else if (next !== phase) process.stderr.write(`detect: ${next}\n`);
      phase = next;
    },
    stop() {
      bar?.stop();
    },
  };
}

function report(r: RunResult, out: string | null, json: boolean): void {
  const levels = { high: 0, medium: 0, low: 0 };
  for (const c of r.document.clusters) levels[c.risk_level]++;
  const summary = {
    run_id: r.document.run_id,
    generated_at: r.document.generated_at,
    clusters: r.document.clusters.length,
    levels,
    changes: r.diff.counts,
    previous_run_id: r.diff.previous_run_id,
    applications: r.stats.applications,
    timings: r.timings,
    deleted_runs: r.deletedRuns,
    out,
  };
  if (json) return void process.stderr.write(JSON.stringify(summary) + "\n");
  const changes = Object.entries(r.diff.counts)
    .filter(([, n]) => n > 0)
    .map(([k, n]) => `${k} ${n}`)
    .join(", ");
  process.stderr.write(
    [
      `run:          ${summary.run_id} (${summary.generated_at})`,
      `applications: ${summary.applications}`,
      `clusters:     ${summary.clusters} (high ${levels.high}, medium ${levels.medium}, low ${levels.low})`,
      `changes:      ${changes || "none"}${r.diff.previous_run_id ? ` since ${r.diff.previous_run_id}` : " (first run)"}`,
      `seconds:      ${r.timings.total} (detect ${r.timings.detect}, persist ${r.timings.persist})`,
      out ? `written:      ${out}` : "",
    ]
      .filter(Boolean)
      .join("\n") + "\n",
  );
}
