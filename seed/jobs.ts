/**
 * Open positions
 * ==============
 *
 * The requisitions applicants apply to: a board scaled to the population, each job open for three to
 * thirteen weeks, so that applications to one job cluster in its window. Fraud personas go mostly for
 * remote engineering and data roles (research E10), honest applicants for everything.
 */
import { Rng, WeightedTable } from "../server/common/rng.js";
import { DAYS } from "./timing.js";

const CATEGORIES = [
  ["ENG", 30, true],
  ["DATA", 8, true],
  ["SEC", 3, true],
  ["IT", 5, true],
  ["PROD", 6, false],
  ["DES", 4, false],
  ["SALES", 12, false],
  ["MKT", 6, false],
  ["OPS", 9, false],
  ["FIN", 7, false],
  ["HR", 4, false],
  ["SUP", 8, false],
] as const;

export interface JobBoard {
  ids: string[];
  tech: boolean[];
  /** Indices of the jobs open on each day. */
  openByDay: Int32Array[];
  techOpenByDay: Int32Array[];
}

export function makeJobBoard(apps: number, seed: number): JobBoard {
  const rng = Rng.of(seed, "jobs");
  const n = Math.max(40, Math.round(apps / 150));
  const cats = new WeightedTable(
    CATEGORIES.map((c) => c),
    CATEGORIES.map((c) => c[1]),
  );
  const ids: string[] = [];
  const tech: boolean[] = [];
  const open: number[][] = Array.from({ length: DAYS }, () => []);
  const techOpen: number[][] = Array.from({ length: DAYS }, () => []);
  const seq = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const [cat, , isTech] = cats.pick(rng);
    const k = (seq.get(cat) ?? 0) + 1;
    seq.set(cat, k);
    ids.push(`REQ-${cat}-${String(1000 + k * 7 + rng.int(0, 6)).padStart(5, "0")}`);
    tech.push(isTech);
    const from = rng.int(-60, DAYS - 1);
    const to = Math.min(DAYS, from + rng.int(21, 90));
    for (let d = Math.max(0, from); d < to; d++) {
      open[d]!.push(i);
      if (isTech) techOpen[d]!.push(i);
    }
  }
  return {
    ids,
    tech,
    openByDay: open.map((xs) => Int32Array.from(xs)),
    techOpenByDay: techOpen.map((xs) => Int32Array.from(xs)),
  };
}

/** A job open on `day`; `techOnly` for engineering/data roles. */
export function pickJob(rng: Rng, board: JobBoard, day: number, techOnly = false): string {
  const d = Math.max(0, Math.min(DAYS - 1, day));
  const list = techOnly && board.techOpenByDay[d]!.length ? board.techOpenByDay[d]! : board.openByDay[d]!;
  if (list.length === 0) return rng.pick(board.ids);
  return board.ids[list[rng.int(0, list.length - 1)]!]!;
}

const HONEST_SOURCES = [
  ["LinkedIn", 30],
  ["Indeed", 22],
  ["Company website", 20],
  ["Referral", 8],
  ["Glassdoor", 6],
  ["ZipRecruiter", 5],
  ["Wellfound", 3],
  ["Dice", 3],
  ["Career fair", 1],
  ["Twitter", 0.5],
] as const;
const FRAUD_SOURCES = [
  ["LinkedIn", 40],
  ["Indeed", 25],
  ["Company website", 20],
  ["Dice", 7],
  ["Wellfound", 5],
  ["Referral", 3],
] as const;

export function honestSource(rng: Rng, student = false): string {
  if (student && rng.chance(0.4)) return "Handshake";
  return rng.weighted(HONEST_SOURCES);
}

export function fraudSource(rng: Rng): string {
  return rng.weighted(FRAUD_SOURCES);
}
