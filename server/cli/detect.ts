/**
 * `npm run detect -- [--out FILE] [--json] [--adjust] [--as-of DATE]`
 * ==================================================================
 *
 * Runs detection now as a recorded run (taking the same lock as the server, so it never overlaps a
 * scheduled or API run), writes the contract's clusters document to FILE (stdout without --out) and a
 * summary to stderr; a progress bar on a terminal. With --json the summary is one JSON line on stderr.
 * --adjust scales rule points by the triage verdicts (server/rules/adjust.ts; DETECT_ADJUST_FROM_VERDICTS
 * does the same for every run). --as-of DATE is a backtest: detection over the applications submitted
 * up to DATE (a date means the end of that day, UTC), printed but not recorded as a run, so the queue
 * is untouched and a rule change can be compared on past data before it ships. --incremental starts from
 * the previous run's state (server/runs/detect-from-database.ts): only what was ingested since is read
 * and only the components it touched are recomputed; without a usable state the run is a full one.
 */
import fs from "node:fs";
import path from "node:path";

import cliProgress from "cli-progress";

import { loadConfig } from "../config.js";
import { ApplicationRepository } from "../applications/applications.repository.js";
import { connectDatabase, type Database } from "../db/database.js";
import { createLogger } from "../logger.js";
import { detectFromDatabase as detectNow } from "../runs/detect-from-database.js";
import type { RunDetectOptions } from "../runs/detector.js";
import { cliRuns } from "./detect-runs.js";
import type { RunResult } from "../runs/runner.js";
import { cliArgs, runMain } from "../common/cli-args.js";

const USAGE = "npm run detect -- [--out FILE] [--json] [--adjust] [--incremental] [--as-of YYYY-MM-DD|DATE-TIME]";

runMain(async () => {
  const { values } = cliArgs(
    {
      out: { type: "string", short: "o" },
      json: { type: "boolean" },
      adjust: { type: "boolean" },
      "as-of": { type: "string" },
      incremental: { type: "boolean" },
    },
    USAGE,
  );
  const asOf = values["as-of"] ? asOfBound(values["as-of"]) : null;
  const config = loadConfig();
  const out = values.out ? path.resolve(values.out) : null;
  if (out && !fs.existsSync(path.dirname(out)))
    throw new Error(`detect: directory ${path.dirname(out)} does not exist`);
  const db = await connectDatabase(config);
  await db.applySchema();
  const log = createLogger(config.debug ? "debug" : "warn");
  const { runs, rules, state } = cliRuns(config, db, log, values.adjust === true);
  if (asOf) {
    try {
      return await backtest(db, asOf, await rules.detectOptions(), out, values.json ?? false);
    } finally {
      await db.close();
    }
  }
  if (values.incremental && !state)
    throw new Error("detect: --incremental needs DETECT_INCREMENTAL (on by default); it is off in this environment");
  const stopOnSignal = () => void runs.shutdown().finally(() => process.exit(130));
  process.once("SIGINT", stopOnSignal);
  process.once("SIGTERM", stopOnSignal);
  let result: RunResult;
  try {
    const applications = (await new ApplicationRepository(db).counts()).applications;
    const progress = makeProgress(process.stderr.isTTY === true && !values.json, applications);
    try {
      result = await runs.runNow(values.incremental ? "cli-incremental" : "cli", progress.update, {
        incremental: values.incremental === true,
      });
    } finally {
      progress.stop();
    }
  } finally {
    await state?.flush();
    await db.close();
  }
  const text = JSON.stringify(result.document, null, 2) + "\n";
  if (out) fs.writeFileSync(out, text);
  else process.stdout.write(text);
  report(result, out, values.json ?? false);
  return 0;
});

/** The end of a day (a date alone counts the whole day) or the date-time given, as ISO. */
function asOfBound(text: string): string {
  const day = /^\d{4}-\d{2}-\d{2}$/.test(text);
  const t = Date.parse(day ? `${text}T23:59:59.999Z` : text);
  if (Number.isNaN(t))
    throw new Error(`detect: --as-of must be a date (YYYY-MM-DD) or an ISO date-time; usage: ${USAGE}`);
  return new Date(t).toISOString();
}

/** A detection pass over the applications submitted up to `asOf`, not recorded as a run. */
async function backtest(
  db: Database,
  asOf: string,
  options: RunDetectOptions,
  out: string | null,
  json: boolean,
): Promise<number> {
  const t0 = performance.now();
  const output = await detectNow(db, { ...options, asOf });
  const document = {
    run_id: `as-of-${asOf}`,
    generated_at: new Date().toISOString(),
    as_of: asOf,
    parameters: output.parameters,
    clusters: output.clusters.map((c, i) => ({ id: `B-${i + 1}`, ...c })),
  };
  const text = JSON.stringify(document, null, 2) + "\n";
  if (out) fs.writeFileSync(out, text);
  else process.stdout.write(text);
  const levels = { high: 0, medium: 0, low: 0 };
  for (const c of output.clusters) levels[c.risk_level]++;
  const summary = {
    as_of: asOf,
    applications: output.stats.applications,
    clusters: output.clusters.length,
    levels,
    verdict_adjustment: output.parameters.verdict_adjustment !== null,
    seconds: Math.round(performance.now() - t0) / 1000,
    out,
  };
  process.stderr.write(
    json
      ? JSON.stringify(summary) + "\n"
      : `backtest as of ${asOf}: ${summary.applications} applications, ${summary.clusters} clusters (high ${levels.high}, medium ${levels.medium}, low ${levels.low}); not recorded as a run\n`,
  );
  return 0;
}

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
    incremental: r.stats.incremental ?? null,
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
      r.stats.incremental
        ? `incremental:  from ${r.stats.incremental.from_run}: ${r.stats.incremental.ingested} ingested since ${r.stats.incremental.since}, ${r.stats.incremental.reread} re-read, components recomputed ${r.stats.components_recomputed}, reused ${r.stats.components_reused}`
        : "",
      `clusters:     ${summary.clusters} (high ${levels.high}, medium ${levels.medium}, low ${levels.low})`,
      `changes:      ${changes || "none"}${r.diff.previous_run_id ? ` since ${r.diff.previous_run_id}` : " (first run)"}`,
      `seconds:      ${r.timings.total} (detect ${r.timings.detect}, persist ${r.timings.persist})`,
      out ? `written:      ${out}` : "",
    ]
      .filter(Boolean)
      .join("\n") + "\n",
  );
}
