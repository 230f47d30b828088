/**
 * `npm run eval -- --grid`: the evaluation grid's printout
 * ========================================================
 *
 * Runs every cell of server/detect/grid.ts in process and prints one line per cell (pairwise F1, honest
 * flagged high, the weakest ring type's recall, precision at 10/20/50, seconds), then the worst cell for
 * each target and the mean over cells, against the grid's targets.
 */
import { gridCells, runCell, type CellResult } from "../detect/grid.js";

export const GRID_TARGETS = { pairwiseF1: 0.95, honestFlaggedHigh: 0.002, ringTypeRecall: 0.95 } as const;

const weakestType = (r: CellResult) => {
  const types = Object.entries(r.report.ringTypeRecall).sort((a, b) => a[1].rate - b[1].rate);
  return types[0] ? { type: types[0][0], rate: types[0][1].rate } : { type: "-", rate: 0 };
};

const pct = (x: number) => `${(x * 100).toFixed(2)}%`;

function line(r: CellResult): string {
  const w = weakestType(r);
  const misses = [
    r.report.pairwise.f1 < GRID_TARGETS.pairwiseF1 ? "F1" : "",
    r.report.honestFlagged.rate > GRID_TARGETS.honestFlaggedHigh ? "honest" : "",
    w.rate < GRID_TARGETS.ringTypeRecall ? `recall(${w.type})` : "",
  ].filter(Boolean);
  return [
    r.cell.name.padEnd(48),
    `F1 ${r.report.pairwise.f1.toFixed(3)}`,
    `honest high ${pct(r.report.honestFlagged.rate).padStart(6)} (${r.report.honestFlagged.hit})`,
    `min recall ${w.rate.toFixed(3)} ${w.type.padEnd(14)}`,
    `p@10/20/50 ${r.precision.map((p) => p.precision.toFixed(2)).join("/")}`,
    `${r.seconds.toFixed(1).padStart(5)} s`,
    misses.length ? `MISSED ${misses.join(", ")}` : "ok",
  ].join("  ");
}

export async function runGrid(opts: { apps: number; seed: number; json: boolean }): Promise<number> {
  if (!Number.isInteger(opts.apps) || opts.apps < 1000 || opts.apps > 100_000)
    throw new Error("eval: --cell-apps must be an integer from 1,000 to 100,000");
  const t0 = performance.now();
  const results: CellResult[] = [];
  if (!opts.json)
    console.log(`eval --grid: ${gridCells().length} cells of ${opts.apps} applications (seed ${opts.seed})`);
  for (const c of gridCells()) {
    // Yield between cells so the process stays responsive (each cell is synchronous).
    await new Promise((r) => setImmediate(r));
    const r = runCell(c, opts.apps, opts.seed);
    results.push(r);
    if (!opts.json) console.log(line(r));
  }
  const worstF1 = results.reduce((a, b) => (b.report.pairwise.f1 < a.report.pairwise.f1 ? b : a));
  const worstHonest = results.reduce((a, b) => (b.report.honestFlagged.rate > a.report.honestFlagged.rate ? b : a));
  const worstRecall = results.reduce((a, b) => (weakestType(b).rate < weakestType(a).rate ? b : a));
  const mean = (f: (r: CellResult) => number) => results.reduce((s, r) => s + f(r), 0) / results.length;
  const summary = {
    cells: results.length,
    apps_per_cell: opts.apps,
    seed: opts.seed,
    seconds: (performance.now() - t0) / 1000,
    targets: GRID_TARGETS,
    worst: {
      pairwise_f1: { cell: worstF1.cell.name, value: worstF1.report.pairwise.f1 },
      honest_flagged_high: { cell: worstHonest.cell.name, value: worstHonest.report.honestFlagged.rate },
      ring_type_recall: {
        cell: worstRecall.cell.name,
        type: weakestType(worstRecall).type,
        value: weakestType(worstRecall).rate,
      },
    },
    mean: {
      pairwise_f1: mean((r) => r.report.pairwise.f1),
      honest_flagged_high: mean((r) => r.report.honestFlagged.rate),
      min_ring_type_recall: mean((r) => weakestType(r).rate),
      precision_at: [0, 1, 2].map((i) => ({
        k: results[0]!.precision[i]!.k,
        precision: mean((r) => r.precision[i]!.precision),
      })),
    },
    results: results.map((r) => ({
      cell: r.cell.name,
      params: r.cell.params,
      pairwise_f1: r.report.pairwise.f1,
      honest_flagged_high: r.report.honestFlagged.rate,
      honest_flagged_by_lookalike: r.report.honestFlaggedByLookalike,
      ring_type_recall: Object.fromEntries(Object.entries(r.report.ringTypeRecall).map(([k, v]) => [k, v.rate])),
      precision_at: r.precision,
      seconds: r.seconds,
    })),
  };
  if (opts.json) {
    process.stdout.write(JSON.stringify(summary) + "\n");
    return 0;
  }
  const w = summary.worst;
  const m = summary.mean;
  const mark = (good: boolean) => (good ? "ok" : "MISSED");
  console.log(
    [
      "",
      `worst pairwise F1       ${w.pairwise_f1.value.toFixed(3)} in "${w.pairwise_f1.cell}"   [target ≥ ${GRID_TARGETS.pairwiseF1}] ${mark(w.pairwise_f1.value >= GRID_TARGETS.pairwiseF1)}`,
      `worst honest high       ${pct(w.honest_flagged_high.value)} in "${w.honest_flagged_high.cell}"   [target ≤ ${pct(GRID_TARGETS.honestFlaggedHigh)}] ${mark(w.honest_flagged_high.value <= GRID_TARGETS.honestFlaggedHigh)}`,
      `worst ring-type recall  ${w.ring_type_recall.value.toFixed(3)} (${w.ring_type_recall.type}) in "${w.ring_type_recall.cell}"   [target ≥ ${GRID_TARGETS.ringTypeRecall}] ${mark(w.ring_type_recall.value >= GRID_TARGETS.ringTypeRecall)}`,
      `mean over cells: F1 ${m.pairwise_f1.toFixed(3)}, honest high ${pct(m.honest_flagged_high)}, weakest ring-type recall ${m.min_ring_type_recall.toFixed(3)}, precision ${m.precision_at.map((p) => `@${p.k} ${p.precision.toFixed(2)}`).join(" ")}`,
      `${summary.cells} cells in ${summary.seconds.toFixed(0)} s`,
    ].join("\n"),
  );
  return 0;
}
