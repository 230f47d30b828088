/**
 * Evaluation grid
 * ===============
 *
 * Detection on populations it was not tuned to: the seed's ring and look-alike parameters (SeedParams)
 * varied one dimension at a time around a base population, plus corner cells that combine the hard
 * settings, each cell generated and detected in process (records-input.ts: the same normal forms and
 * input the database path builds). The base turns on the look-alikes the default population lacks:
 * housemates of farm personas (10%) and families applying in one evening (30%).
 *
 * Dimensions: ring sizes 3 to 200, chain lengths 2 to 8 links, share of ring applications through
 * hosting/VPN exits 0 to 0.9, identifier reuse inside farms 0.5 to 1, look-alike density 1 to 5, typing
 * noise 0 to 0.3.
 */
import { generatePopulation } from "../../seed/generate.js";
import type { SeedParams } from "../../seed/types.js";
import { detectClusters } from "./detect.js";
import { defaultEnvironment } from "./environment.js";
import { evaluate, precisionAt, type EvalReport, type PrecisionAt, type TruthLike } from "./evaluate.js";
import { inputFromRecords } from "./records-input.js";

export interface GridCell {
  name: string;
  params: SeedParams;
}

export const GRID_BASE: SeedParams = { housemates: 0.1, familyBurst: 0.3 };

const cell = (name: string, extra: SeedParams): GridCell => ({ name, params: { ...GRID_BASE, ...extra } });

export function gridCells(): GridCell[] {
  return [
    cell("base", {}),
    cell("ring size 3-4", { ringSize: [3, 4] }),
    cell("ring size 5-10", { ringSize: [5, 10] }),
    cell("ring size 20-40", { ringSize: [20, 40] }),
    cell("ring size 100-200", { ringSize: [100, 200] }),
    cell("chain 2 links", { chainLinks: [2, 2] }),
    cell("chain 3-4 links", { chainLinks: [3, 4] }),
    cell("chain 6-8 links", { chainLinks: [6, 8] }),
    cell("ring VPN 0", { ringVpn: 0 }),
    cell("ring VPN 0.5", { ringVpn: 0.5 }),
    cell("ring VPN 0.9", { ringVpn: 0.9 }),
    cell("farm reuse 0.75", { ringReuse: 0.75 }),
    cell("farm reuse 0.5", { ringReuse: 0.5 }),
    cell("look-alikes 3x", { lookalikeDensity: 3 }),
    cell("look-alikes 5x", { lookalikeDensity: 5, housemates: 0.3, familyBurst: 0.6 }),
    cell("noise 0.1", { noise: 0.1 }),
    cell("noise 0.3", { noise: 0.3 }),
    cell("hard: small rings, 2-link chains, 5x look-alikes", {
      ringSize: [3, 5],
      chainLinks: [2, 3],
      lookalikeDensity: 5,
      housemates: 0.3,
      familyBurst: 0.6,
    }),
    cell("hard: no VPN, reuse 0.5, noise 0.2", { ringVpn: 0, ringReuse: 0.5, noise: 0.2 }),
  ];
}

export interface CellResult {
  cell: GridCell;
  report: EvalReport;
  precision: PrecisionAt[];
  seconds: number;
}

/** One cell: generate, build the input, detect, compare with the truth. */
export function runCell(c: GridCell, apps: number, seed: number): CellResult {
  const t0 = performance.now();
  const records: unknown[] = [];
  const truth: TruthLike[] = [];
  for (const { record, truth: t } of generatePopulation({ apps, seed, params: c.params })) {
    records.push(record);
    truth.push({
      application_id: t.application_id,
      ring_id: t.ring_id,
      ring_type: t.ring_type,
      lookalike: t.lookalike,
    });
  }
  const env = defaultEnvironment();
  const { input } = inputFromRecords(records, env);
  const out = detectClusters(input, { environment: env });
  return {
    cell: c,
    report: evaluate(out.clusters, truth, "high"),
    precision: precisionAt(out.clusters, truth),
    seconds: (performance.now() - t0) / 1000,
  };
}
