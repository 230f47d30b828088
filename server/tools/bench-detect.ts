/**
 * `npm run bench:detect -- --apps N [--seed S] [--yes] [--json] [--file F] [--verify]`
 * ===================================================================================
 *
 * Seeds and loads N applications (reusing the database when it already holds exactly that population),
 * then measures, each in a fresh child process so that peaks are its own:
 *  - a full detection run, reading from Neo4j included: seconds, peak RSS (the kernel's maxRSS and
 *    process.memoryUsage().rss sampled) and peak heapUsed (sampled while streaming and after each phase);
 *  - the baseline: the same read, then a plain union-find over all shared identifiers (no identities,
 *    no common-infrastructure cut);
 *  - incremental, end to end through Neo4j (bench-detect-incremental.ts): the `--batch` (10,000) most
 *    recently submitted applications are taken out of the graph, a full run over the rest is timed as
 *    the baseline, the batch is ingested again, and an incremental run (read of what was ingested since,
 *    detection of the touched components, write of the run) is timed; `--file` takes the batch's records
 *    from the population's NDJSON file instead of the generator, `--verify` checks the incremental run
 *    against a full pass over the graph afterwards. The store ends as it began.
 * and prints them with their ratios. Target (issue 16): a full run over 1,000,000 applications in at most
 * 15 s end to end (the read included) and 1 GB; the incremental pass for a 10,000-application batch at
 * 1,000,000 in at most 3 s. The read's two parts (shared identifiers, then the sharing applications by
 * internal id) are timed apart.
 *
 * The target is a dedicated instance, `bench-detect`, unless RINGSCOPE_NEO4J_INSTANCE or NEO4J_URI says
 * otherwise (then `--yes` is required, since loading EMPTIES the database).
 */
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

import { loadConfig } from "../config.js";
import { connectDatabase } from "../db/database.js";
import { baselineClusters } from "../detect/baseline.js";
import { ensurePopulation, fingerprint, populationMarked } from "./eval-population.js";

import { detectWithContactKeys } from "../runs/load-contact-keys.js";
import { loadDetectionInput } from "../runs/load-input.js";
import { measureIncremental } from "./bench-detect-incremental.js";
import type { ProfileSummary } from "./cpu-profile.js";
import { cliArgs, runMain } from "../common/cli-args.js";

const USAGE =
  "npm run bench:detect -- --apps N [--seed S] [--batch B] [--yes] [--json] [--trust-marker] [--only incremental|full] [--file F] [--verify] [--cpu-prof-dir DIR]";
const DEFAULT_INSTANCE = "bench-detect";

type Mode = "full" | "baseline" | "incremental";

interface Measurement {
  mode: Mode;
  seconds: number;
  loadSeconds: number;
  readParts: { identifiers: number; applications: number };
  maxRssMb: number;
  sampledRssMb: number;
  peakHeapMb: number;
  timings: Record<string, number>;
  result: Record<string, number>;
  profile?: ProfileSummary;
}

const phaseList = (timings: Record<string, number>, prefix: string) =>
  Object.entries(timings)
    .filter(([k]) => k.startsWith(prefix) && !["total", "detect", "visible"].includes(k.slice(prefix.length)))
    .map(([k, v]) => `${k.slice(prefix.length)} ${v.toFixed(2)}`)
    .join(", ");

/** Where the incremental run's CPU went (self seconds per file and per function), when it was profiled. */
const profileLines = (p: ProfileSummary | undefined) =>
  !p
    ? []
    : [
        `  CPU profile of the incremental run (${p.seconds.toFixed(2)} s profiled, ${p.file}), self seconds:`,
        `    by file: ${p.byFile.map(([f, s]) => `${f} ${s.toFixed(2)}`).join(", ")}`,
        `    by function: ${p.byFunction.map(([f, s]) => `${f} ${s.toFixed(2)}`).join(", ")}`,
      ];

const mb = (bytes: number) => Math.round(bytes / 1e5) / 10;

/** Child: one measured run, printed as one JSON line. */
async function measure(mode: Mode, batch: number, more: ChildOptions): Promise<Measurement> {
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
  const peaks = () => ({
    maxRssMb: Math.round(process.resourceUsage().maxRSS / 102.4) / 10,
    sampledRssMb: mb(peakRss),
    peakHeapMb: mb(peakHeap),
  });
  try {
    if (mode === "incremental") {
      const inc = await measureIncremental(db, config, { batch, ...more, sample });
      return {
        mode,
        seconds: (performance.now() - t0) / 1000,
        loadSeconds: inc.fullLoadSeconds,
        readParts: { identifiers: 0, applications: 0 },
        ...peaks(),
        timings: inc.timings,
        result: inc.result,
        ...(inc.profile ? { profile: inc.profile } : {}),
      };
    }
    const loaded = await loadDetectionInput(db, { onProgress: sample, progressEvery: 20_000 });
    sample();
    let result: Record<string, number>;
    let timings: Record<string, number> = { load: loaded.seconds };
    if (mode === "full") {
      // As a run does (server/runs/detect-from-database.ts).
      const { output: out, typoSeconds } = await detectWithContactKeys(db, loaded.input, loaded.nodeIds, {
        onPhase: sample,
      });
      timings.typo_values = typoSeconds;
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
      readParts: loaded.parts,
      ...peaks(),
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

interface ChildOptions {
  file?: string;
  spec: { apps: number; seed: number };
  verify: boolean;
  cpuProf?: string;
}

function runChild(mode: Mode, batch: number, more: ChildOptions): Promise<Measurement> {
  const self = fileURLToPath(import.meta.url);
  return new Promise((resolve, reject) => {
    // The incremental child holds the input twice and a memo: give it room.
    const heap = mode === "incremental" ? ["--max-old-space-size=6144"] : [];
    const child = spawn(
      process.execPath,
      [
        ...heap,
        ...process.execArgv,
        self,
        "--measure",
        mode,
        "--batch",
        String(batch),
        "--apps",
        String(more.spec.apps),
        "--seed",
        String(more.spec.seed),
        ...(more.file ? ["--file", more.file] : []),
        ...(more.verify ? ["--verify"] : []),
        ...(more.cpuProf ? ["--cpu-prof-dir", more.cpuProf] : []),
      ],
      {
        stdio: ["ignore", "pipe", "inherit"],
        env: { RINGSCOPE_NEO4J_INSTANCE: DEFAULT_INSTANCE, ...process.env },
      },
    );
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
      batch: { type: "string", default: "10000" },
      "trust-marker": { type: "boolean" },
      only: { type: "string" },
      file: { type: "string" },
      verify: { type: "boolean" },
      "cpu-prof-dir": { type: "string" },
    },
    USAGE,
  );
  const batch = Number(values.batch);
  const more: ChildOptions = {
    ...(values.file ? { file: values.file } : {}),
    spec: { apps: Number(values.apps), seed: Number(values.seed) },
    verify: values.verify === true,
    ...(values["cpu-prof-dir"] ? { cpuProf: values["cpu-prof-dir"] } : {}),
  };
  if (!Number.isInteger(batch) || batch < 1)
    throw new Error(`bench:detect: --batch must be a positive integer; usage: ${USAGE}`);
  if (values.measure === "full" || values.measure === "baseline" || values.measure === "incremental") {
    process.stdout.write(JSON.stringify(await measure(values.measure, batch, more)) + "\n");
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
  // Fingerprinting a million generated records takes minutes on a loaded machine; --trust-marker accepts
  // the marker a previous load wrote when its size, seed and the database's counts agree.
  if (values["trust-marker"] && (await populationMarked(config, { apps, seed })))
    log(`population: trusting the marker of the loaded ${apps} applications (seed ${seed})`);
  else {
    const fp = await fingerprint({ apps, seed }, false);
    log(`seeded ${apps} applications (seed ${seed}) in ${fp.seconds.toFixed(1)} s`);
    const loaded = await ensurePopulation(config, fp, { log });
    if (!loaded.reused)
      log(`loaded in ${loaded.seconds.toFixed(1)} s (${loaded.summary?.recordsPerSecond ?? "?"} records/s)`);
  }
  const only = values.only;
  if (only !== undefined && only !== "incremental" && only !== "full")
    throw new Error(`bench:detect: --only takes "incremental" or "full" (full run and baseline); usage: ${USAGE}`);
  const incremental = only === "full" ? null : await runChild("incremental", batch, more);
  const i = incremental?.result ?? {};
  const incrementalLines = !incremental
    ? []
    : [
        `incremental, end to end through Neo4j: a batch of the ${i.batch} most recent applications, taken out (${i.deleteSeconds} s), ingested again after a full run over the rest (${i.ingestSeconds} s, not counted)`,
        `  full run (baseline)     ${i.fullRunSeconds!.toFixed(2)} s   (${phaseList(incremental.timings, "full_")})`,
        `  incremental run         ${i.incrementalRunSeconds!.toFixed(2)} s   (${phaseList(incremental.timings, "inc_")})   ratio ${(i.incrementalRunSeconds! / i.fullRunSeconds!).toFixed(3)}   [target ≤ 3 s] ${i.incrementalRunSeconds! <= 3 ? "met" : "MISSED"}`,
        `  ${i.incrementalMode ? "incremental" : "FELL BACK TO A FULL RUN"}: ${i.ingestedSince} ingested since the full run's read, ${i.reread} applications and ${i.identifiersReread} identifiers re-read; components recomputed ${i.componentsRecomputed}, reused ${i.componentsReused}; clusters ${i.clustersFull} -> ${i.clusters} (${i.newOrGrown} new, grown or merged); ${i.clustersWritten} written, ${i.clustersLinked} linked to the full run's nodes`,
        `  CPU during the incremental run until visible: this process ${i.visibleProcessCpuSeconds!.toFixed(2)} s, Neo4j ${i.visibleNeo4jCpuSeconds! >= 0 ? `${i.visibleNeo4jCpuSeconds!.toFixed(2)} s` : "not measured (external server)"}; whole run (${i.incrementalWallSeconds!.toFixed(2)} s wall, state file and retention included): this process ${i.incrementalProcessCpuSeconds!.toFixed(2)} s, Neo4j ${i.incrementalNeo4jCpuSeconds! >= 0 ? `${i.incrementalNeo4jCpuSeconds!.toFixed(2)} s` : "not measured"}`,
        `  equal to a full pass over the graph afterwards: clusters ${i.equalToFullPass === 1 ? "yes" : i.equalToFullPass === 0 ? "NO" : "not checked (--verify)"}, common infrastructure ${i.commonInfrastructureEqual === 1 ? "yes" : i.commonInfrastructureEqual === 0 ? "NO" : "not checked"}; maxRSS ${incremental.maxRssMb.toFixed(0)} MB`,
        ...profileLines(incremental.profile),
      ];
  if (only === "incremental") {
    if (values.json) process.stdout.write(JSON.stringify({ apps, seed, incremental }) + "\n");
    else console.log([`bench:detect: ${apps} applications (seed ${seed})`, ...incrementalLines].join("\n"));
    return 0;
  }

  const full = await runChild("full", batch, more);
  const baseline = await runChild("baseline", batch, more);
  const ratio = (a: number, b: number) => Math.round((a / b) * 100) / 100;
  const summary = {
    apps,
    seed,
    full,
    baseline,
    incremental,
    ratios: {
      seconds: ratio(full.seconds, baseline.seconds),
      seconds_after_load: ratio(full.seconds - full.loadSeconds, baseline.seconds - baseline.loadSeconds),
      max_rss: ratio(full.maxRssMb, baseline.maxRssMb),
      peak_heap: ratio(full.peakHeapMb, baseline.peakHeapMb),
    },
    target: { seconds: 15, rss_mb: 1024, met: full.seconds <= 15 && full.maxRssMb <= 1024 },
  };
  if (values.json) {
    process.stdout.write(JSON.stringify(summary) + "\n");
    return 0;
  }
  const row = (m: Measurement) =>
    `${m.mode.padEnd(9)} ${m.seconds.toFixed(1).padStart(7)} s  (read ${m.loadSeconds.toFixed(1)} s: identifiers ${m.readParts.identifiers.toFixed(1)}, applications ${m.readParts.applications.toFixed(1)})  maxRSS ${m.maxRssMb.toFixed(0).padStart(6)} MB  sampled RSS ${m.sampledRssMb.toFixed(0).padStart(6)} MB  heapUsed ${m.peakHeapMb.toFixed(0).padStart(6)} MB`;
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
      `target ≤ 15 s and ≤ 1024 MB (maxRSS): ${summary.target.met ? "met" : "MISSED"}`,
      ...incrementalLines,
    ].join("\n"),
  );
  return 0;
});
