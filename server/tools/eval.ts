/**
 * `npm run eval -- --apps N [--seed S] [--json] [--yes] [--in-process]` · `npm run eval -- --grid [--cell-apps N]`
 * ===============================================================
 *
 * Seeds a population with ground truth, loads it into Neo4j, runs detection and prints how the high-risk
 * clusters compare with the truth: application-level precision and recall, pairwise precision, recall
 * and F1, recall per ring type, the share of honest applications flagged high per look-alike type,
 * precision at 10, 20 and 50 of the queue, and how many clusters share the top score. `--in-process`
 * builds the detection input from the records without Neo4j (server/detect/records-input.ts).
 *
 * `--screen` evaluates screening at intake (server/tools/eval-screen.ts): held-out ring members and honest
 * applications of every look-alike kind screened against the rest of the population and its detection run.
 *
 * `--grid` runs the evaluation grid (server/tools/grid.ts) in process: every cell's figures, the worst
 * cell per target and the mean, against the grid's targets.
 *
 * It EMPTIES the target database before loading (unless that database already holds exactly this
 * population, see server/tools/eval-population.ts). The target is a dedicated instance, `eval`, unless
 * RINGSCOPE_NEO4J_INSTANCE or NEO4J_URI says otherwise, in which case `--yes` is required.
 */
import { loadConfig } from "../config.js";
import { connectDatabase } from "../db/database.js";
import { generatePopulation } from "../../seed/generate.js";
import { defaultEnvironment } from "../detect/environment.js";
import { evaluate, precisionAt, type EvalReport, type PrecisionAt, type Ratio } from "./evaluate.js";
import { ensurePopulation, fingerprint } from "./eval-population.js";
import { detectClusters } from "../detect/index.js";
import { detectFromDatabase } from "../runs/detect-from-database.js";
import { inputFromRecords } from "./records-input.js";
import type { DetectionOutput } from "../detect/types.js";
import { evaluateScreening, printScreenReport } from "./eval-screen.js";
import { cliArgs, runMain } from "../common/cli-args.js";
import { runGrid } from "./eval-grid.js";

const USAGE =
  "npm run eval -- --apps N [--seed S] [--json] [--yes] [--in-process] | npm run eval -- --grid [--cell-apps N] [--seed S] [--json] | npm run eval -- --screen [--apps N] [--seed S] [--honest-per-kind K] [--json] [--yes]";
export const TARGETS = { pairwiseF1: 0.9, honestFlaggedHigh: 0.005, ringTypeRecall: 0.9 } as const;

const round = (x: number, d = 3) => Math.round(x * 10 ** d) / 10 ** d;
const pct = (x: number) => `${(x * 100).toFixed(2)}%`;
const frac = (r: Ratio) => `${r.hit}/${r.total}`;
const ok = (good: boolean) => (good ? "ok" : "MISSED");

runMain(async () => {
  const { values } = cliArgs(
    {
      apps: { type: "string", default: "30000" },
      seed: { type: "string", default: "7" },
      json: { type: "boolean" },
      yes: { type: "boolean", short: "y" },
      grid: { type: "boolean" },
      "cell-apps": { type: "string", default: "5000" },
      "in-process": { type: "boolean" },
      screen: { type: "boolean" },
      "honest-per-kind": { type: "string", default: "300" },
    },
    USAGE,
  );
  const apps = Number(values.apps);
  const seed = Number(values.seed);
  if (!Number.isInteger(apps) || apps < 2) throw new Error(`eval: --apps must be an integer ≥ 2; usage: ${USAGE}`);
  if (!Number.isInteger(seed)) throw new Error(`eval: --seed must be an integer; usage: ${USAGE}`);
  if (values.grid) return runGrid({ apps: Number(values["cell-apps"]), seed, json: values.json === true });
  if (values["in-process"]) {
    const t0 = performance.now();
    const records: unknown[] = [];
    const truth = [];
    for (const { record, truth: t } of generatePopulation({ apps, seed })) {
      records.push(record);
      truth.push(t);
    }
    const env = defaultEnvironment();
    const output = detectClusters(inputFromRecords(records, env).input, { environment: env });
    const seconds = (performance.now() - t0) / 1000;
    const report = evaluate(output.clusters, truth, "high");
    const ranking = rankingOf(output, truth);
    if (values.json)
      process.stdout.write(
        JSON.stringify({ apps, seed, in_process: true, seconds: round(seconds), ...report, ...ranking }) + "\n",
      );
    else {
      printReport(report, { apps, seed, loadSeconds: 0, reused: false, detectSeconds: seconds });
      printRanking(ranking);
    }
    return 0;
  }
  const config = loadConfig({ RINGSCOPE_NEO4J_INSTANCE: "eval", ...process.env });
  const dedicated = config.neo4j.managed && config.neo4j.instance === "eval";
  if (!dedicated && !values.yes)
    throw new Error(
      `eval empties the target database (${config.neo4j.managed ? `instance "${config.neo4j.instance}"` : config.neo4j.uri}, database "${config.neo4j.database}"); pass --yes, or use the dedicated "eval" instance`,
    );
  const log = values.json ? () => undefined : (m: string) => process.stderr.write(`${m}\n`);
  if (values.screen) {
    const report = await evaluateScreening(
      config,
      { apps, seed, honestPerKind: Number(values["honest-per-kind"]) },
      log,
    );
    process.stdout.write(values.json ? JSON.stringify(report) + "\n" : printScreenReport(report) + "\n");
    return 0;
  }

  const fp = await fingerprint({ apps, seed }, true);
  log(`seeded ${apps} applications (seed ${seed}) in ${fp.seconds.toFixed(1)} s`);
  const loaded = await ensurePopulation(config, fp, { log });
  const db = await connectDatabase(config);
  let output;
  const t0 = performance.now();
  try {
    output = await detectFromDatabase(db);
  } finally {
    await db.close();
  }
  const detectSeconds = (performance.now() - t0) / 1000;
  const report = evaluate(output.clusters, fp.truth, "high");
  const ranking = rankingOf(output, fp.truth);
  const result = {
    ...ranking,
    apps,
    seed,
    load_seconds: round(loaded.seconds),
    reused: loaded.reused,
    detect_seconds: round(detectSeconds),
    timings: output.stats.timings,
    ...report,
    targets: TARGETS,
    targets_met: targetsMet(report),
  };
  if (values.json) process.stdout.write(JSON.stringify(result) + "\n");
  else {
    printReport(report, { apps, seed, loadSeconds: loaded.seconds, reused: loaded.reused, detectSeconds });
    printRanking(ranking);
  }
  return 0;
});

/** How well the queue is ordered: precision at 10/20/50, and how many clusters share the top score. */
function rankingOf(output: DetectionOutput, truth: Parameters<typeof precisionAt>[1]) {
  const top = output.clusters[0]?.risk_score ?? 0;
  const atTop = output.clusters.filter((c) => c.risk_score === top).length;
  return {
    precision_at: precisionAt(output.clusters, truth),
    top_score: top,
    clusters_at_top_score: atTop,
    share_at_top_score: output.clusters.length ? atTop / output.clusters.length : 0,
  };
}

function printRanking(r: ReturnType<typeof rankingOf>): void {
  const at = (p: PrecisionAt) => `@${p.k} ${p.precision.toFixed(2)} (${p.rings}/${p.clusters})`;
  console.log(
    [
      "",
      `queue: precision ${r.precision_at.map(at).join("   ")}   (a hit: most of the cluster's applications in one ring)`,
      `top score ${r.top_score}: ${r.clusters_at_top_score} cluster(s), ${pct(r.share_at_top_score)} of all   [target ≤ 2%] ${ok(r.share_at_top_score <= 0.02)}`,
    ].join("\n"),
  );
}

function targetsMet(r: EvalReport) {
  const types = Object.values(r.ringTypeRecall);
  return {
    pairwise_f1: r.pairwise.f1 >= TARGETS.pairwiseF1,
    honest_flagged_high: r.honestFlagged.rate <= TARGETS.honestFlaggedHigh,
    ring_type_recall: types.length > 0 && types.every((t) => t.rate >= TARGETS.ringTypeRecall),
  };
}

function printReport(
  r: EvalReport,
  run: { apps: number; seed: number; loadSeconds: number; reused: boolean; detectSeconds: number },
): void {
  const lines = [
    `eval: ${run.apps} applications (seed ${run.seed}), ${r.ringApplications} of them in ${r.rings} rings`,
    `load ${run.loadSeconds.toFixed(1)} s${run.reused ? " (population already loaded)" : ""}, detection ${run.detectSeconds.toFixed(1)} s`,
    `high-risk clusters: ${r.flaggedClusters} holding ${r.flaggedApplications} applications; all clusters by level: high ${r.levels.high}, medium ${r.levels.medium}, low ${r.levels.low}`,
    "",
    `application level:  precision ${r.application.precision.toFixed(3)}   recall ${r.application.recall.toFixed(3)}`,
    `pairwise:           precision ${r.pairwise.precision.toFixed(3)}   recall ${r.pairwise.recall.toFixed(3)}   F1 ${r.pairwise.f1.toFixed(3)}   [target ≥ ${TARGETS.pairwiseF1}] ${ok(r.pairwise.f1 >= TARGETS.pairwiseF1)}`,
    `                    (${r.pairwise.correctPairs} of ${r.pairwise.predictedPairs} flagged pairs in one ring; ${r.pairwise.truePairs} ring pairs)`,
    "",
    `recall per ring type (applications in high clusters; rings with most applications flagged):  [target ≥ ${TARGETS.ringTypeRecall}]`,
    ...Object.entries(r.ringTypeRecall)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(
        ([type, x]) =>
          `  ${type.padEnd(18)} ${x.rate.toFixed(3)} (${frac(x)})   rings ${x.ringsFound}/${x.rings}   ${ok(x.rate >= TARGETS.ringTypeRecall)}`,
      ),
    "",
    `honest applications flagged high: ${pct(r.honestFlagged.rate)} (${frac(r.honestFlagged)})   [target ≤ ${pct(TARGETS.honestFlaggedHigh)}] ${ok(r.honestFlagged.rate <= TARGETS.honestFlaggedHigh)}`,
    ...Object.entries(r.honestFlaggedByLookalike)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([type, x]) => `  ${type.padEnd(18)} ${pct(x.rate).padStart(7)} (${frac(x)})`),
  ];
  console.log(lines.join("\n"));
}
