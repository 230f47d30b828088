/**
 * `npm run bench:detect -- --apps N [--seed S] [--yes] [--json]`
 * =======================================================================
 *
 * Seeds and loads N applications (reusing the database when it already holds exactly that population),
 * then measures, each in a fresh child process so that peaks are its own:
 *  - a full detection run, reading from Neo4j included: seconds, peak RSS (the kernel's maxRSS and
 *    process.memoryUsage().rss sampled) and peak heapUsed (sampled while streaming and after each phase);
 *  - the baseline: the same read, then a plain union-find over all shared identifiers (no identities,
 *    no common-infrastructure cut);
 * and prints both with their ratios. Target: 1,000,000 applications in at most 60 s and 2 GB.
 *
 * The target is a dedicated instance, `bench-detect`, unless RINGSCOPE_NEO4J_INSTANCE or NEO4J_URI says
 * otherwise (then `--yes` is required, since loading EMPTIES the database).
 */
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

import { loadConfig } from "../config.js";
import { connectDatabase } from "../db/database.js";
import { baselineClusters } from "../detect/baseline.js";
import { ensurePopulation, fingerprint } from "../detect/eval-population.js";
import { detectClusters, loadDetectionInput } from "../detect/index.js";
import { cliArgs, runMain } from "./args.js";

const USAGE = "npm run bench:detect -- --apps N [--seed S] [--yes] [--json]";
const DEFAULT_INSTANCE = "bench-detect";

interface Measurement {
  mode: "full" | "baseline";
  seconds: number;
  loadSeconds: number;
  maxRssMb: number;
  sampledRssMb: number;
  peakHeapMb: number;
  timings: Record<string, number>;
  result: Record<string, number>;
}

const mb = (bytes: number) => Math.round(bytes / 1e5) / 10;

/** Child: one measured run, printed as one JSON line. */
async function measure(mode: "full" | "baseline"): Promise<Measurement> {
  const config = loadConfig({ RINGSCOPE_NEO4J_INSTANCE: DEFAULT_INSTANCE, ...process.env });
  const db = await connectDatabase(config, { startIfNeeded: false });
  let peakRss = 0;
  let peakHeap = 0;
  const sample = () => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
  };
  // Samples while the event loop turns (streaming); the synchronous phases sample at their ends.
  const timer = setInterval(sample, 50);
  const t0 = performance.now();
  try {
    const loaded = await loadDetectionInput(db, { onProgress: sample, progressEvery: 20_000 });
    sample();
    let result: Record<string, number>;
    let timings: Record<string, number> = { load: loaded.seconds };
    if (mode === "full") {
      const out = detectClusters(loaded.input, { onPhase: sample });
      timings = { ...timings, ...out.stats.timings };
      result = {
        clusters: out.clusters.length,
        high: out.clusters.filter((c) => c.risk_level === "high").length,
        applicationsInClusters: out.clusters.reduce((s, c) => s + c.application_ids.length, 0),
        largest: out.clusters.reduce((m, c) => Math.max(m, c.application_ids.length), 0),
        commonInfrastructure: Number(out.parameters.common_infrastructure_total),
        identities: out.stats.identities,
      };
    } else {
      const b = baselineClusters(loaded.input);
      timings.union_find = b.seconds;
      result = { clusters: b.clusters, applicationsInClusters: b.applicationsInClusters, largest: b.largest };
    }
    sample();
    const seconds = (performance.now() - t0) / 1000;
    return {
      mode,
      seconds,
      loadSeconds: loaded.seconds,
      maxRssMb: Math.round(process.resourceUsage().maxRSS / 102.4) / 10,
      sampledRssMb: mb(peakRss),
      peakHeapMb: mb(peakHeap),
      timings,
      result: {
        applications: loaded.input.totalApplications ?? loaded.input.apps.count,
        sharingApplications: loaded.input.apps.count,
        ...result,
      },
    };
  } finally {
    clearInterval(timer);
    await db.close();
  }
}

function runChild(mode: "full" | "baseline"): Promise<Measurement> {
  const self = fileURLToPath(import.meta.url);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...process.execArgv, self, "--measure", mode], {
      stdio: ["ignore", "pipe", "inherit"],
      env: { RINGSCOPE_NEO4J_INSTANCE: DEFAULT_INSTANCE, ...process.env },
    });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.on("error", reject);
    child.on("exit", (code) => {
      const line = out.trim().split("\n").pop() ?? "";
      if (code !== 0 || !line.startsWith("{"))
        return reject(new Error(`bench:detect: the ${mode} run failed (exit ${code})`));
      resolve(JSON.parse(line) as Measurement);
    });
  });
}

runMain(async () => {
  const { values } = cliArgs(
    {
      apps: { type: "string", default: "100000" },
      seed: { type: "string", default: "7" },
      yes: { type: "boolean", short: "y" },
      json: { type: "boolean" },
      measure: { type: "string" },
    },
    USAGE,
  );
  if (values.measure === "full" || values.measure === "baseline") {
    process.stdout.write(JSON.stringify(await measure(values.measure)) + "\n");
    return 0;
  }
  const apps = Number(values.apps);
  const seed = Number(values.seed);
  if (!Number.isInteger(apps) || apps < 2)
    throw new Error(`bench:detect: --apps must be an integer ≥ 2; usage: ${USAGE}`);
  const config = loadConfig({ RINGSCOPE_NEO4J_INSTANCE: DEFAULT_INSTANCE, ...process.env });
  if (!(config.neo4j.managed && config.neo4j.instance === DEFAULT_INSTANCE) && !values.yes)
    throw new Error(
      `bench:detect may empty the target database; pass --yes or use the dedicated "${DEFAULT_INSTANCE}" instance`,
    );
  const log = (m: string) => process.stderr.write(`${m}\n`);
  const fp = await fingerprint({ apps, seed }, false);
  log(`seeded ${apps} applications (seed ${seed}) in ${fp.seconds.toFixed(1)} s`);
  const loaded = await ensurePopulation(config, fp, { log });
  if (!loaded.reused)
    log(`loaded in ${loaded.seconds.toFixed(1)} s (${loaded.summary?.recordsPerSecond ?? "?"} records/s)`);

  const full = await runChild("full");
  const baseline = await runChild("baseline");
  const ratio = (a: number, b: number) => Math.round((a / b) * 100) / 100;
  const summary = {
    apps,
    seed,
    full,
    baseline,
    ratios: {
      seconds: ratio(full.seconds, baseline.seconds),
      seconds_after_load: ratio(full.seconds - full.loadSeconds, baseline.seconds - baseline.loadSeconds),
      max_rss: ratio(full.maxRssMb, baseline.maxRssMb),
      peak_heap: ratio(full.peakHeapMb, baseline.peakHeapMb),
    },
    target: { seconds: 60, rss_mb: 2048, met: full.seconds <= 60 && full.maxRssMb <= 2048 },
  };
  if (values.json) {
    process.stdout.write(JSON.stringify(summary) + "\n");
    return 0;
  }
  const row = (m: Measurement) =>
    `${m.mode.padEnd(9)} ${m.seconds.toFixed(1).padStart(7)} s  (read ${m.loadSeconds.toFixed(1)} s)  maxRSS ${m.maxRssMb.toFixed(0).padStart(6)} MB  sampled RSS ${m.sampledRssMb.toFixed(0).padStart(6)} MB  heapUsed ${m.peakHeapMb.toFixed(0).padStart(6)} MB`;
  console.log(
    [
      `bench:detect: ${apps} applications (seed ${seed})`,
      row(full),
      `          phases: ${Object.entries(full.timings)
        .map(([k, v]) => `${k} ${v.toFixed(2)}`)
        .join(", ")}`,
      `          ${Object.entries(full.result)
        .map(([k, v]) => `${k} ${v}`)
        .join(", ")}`,
      row(baseline),
      `          ${Object.entries(baseline.result)
        .map(([k, v]) => `${k} ${v}`)
        .join(", ")}`,
      `ratios full/baseline: time ${summary.ratios.seconds}x (after the read ${summary.ratios.seconds_after_load}x), maxRSS ${summary.ratios.max_rss}x, heap ${summary.ratios.peak_heap}x`,
      `target ≤ 60 s and ≤ 2048 MB: ${summary.target.met ? "met" : "MISSED"}`,
    ].join("\n"),
  );
  return 0;
});
