/**
 * When applications arrive
 * ========================
 *
 * A year of submissions before `until`: more on Mondays and Tuesdays, fewer at weekends, a January
 * surge and a December lull (the usual shape of job-board traffic); within a day, the applicant's local
 * hours (mid-morning and evening peaks). Fraud operators work their own office hours in UTC+8/UTC+9
 * (research 1.4 "Timing"), which is the middle of the night for the US applicant they claim to be, and
 * laptop farms submit in bursts.
 */
import { Rng, WeightedTable } from "../server/common/rng.js";

export const DAY_MS = 86_400_000;
export const HOUR_MS = 3_600_000;
export const DAYS = 365;

const DOW = [0.6, 1.25, 1.3, 1.2, 1.1, 0.9, 0.45]; // Sunday first
const MONTH = [1.3, 1.15, 1.1, 1.0, 0.95, 0.9, 0.85, 0.95, 1.1, 1.05, 0.9, 0.7];
/** Relative submissions per local hour, 0-23. */
const LOCAL_HOUR = [
  0.2, 0.1, 0.05, 0.05, 0.05, 0.1, 0.3, 0.6, 1.0, 1.4, 1.6, 1.5, 1.3, 1.4, 1.4, 1.3, 1.1, 0.9, 0.9, 1.1, 1.3, 1.2, 0.8,
  0.4,
];
const BUSINESS_HOUR = [0, 0, 0, 0, 0, 0, 0, 0.2, 0.8, 1.3, 1.4, 1.3, 0.8, 1.2, 1.4, 1.3, 1.1, 0.6, 0.2, 0, 0, 0, 0, 0];
/** An operator's working day in UTC+8: 09:00-23:00 local. */
const OPERATOR_LOCAL_HOUR = [
  0, 0, 0, 0, 0, 0, 0, 0, 0.3, 1, 1.3, 1.3, 0.8, 1.1, 1.3, 1.3, 1.2, 1, 0.7, 0.9, 1, 0.9, 0.6, 0.2,
];

const HOURS = Array.from({ length: 24 }, (_, h) => h);
const localHours = new WeightedTable(HOURS, LOCAL_HOUR);
const businessHours = new WeightedTable(HOURS, BUSINESS_HOUR);
const operatorHours = new WeightedTable(HOURS, OPERATOR_LOCAL_HOUR);

export interface Calendar {
  startMs: number;
  untilMs: number;
  weights: Float64Array;
  table: WeightedTable<number>;
}

/** The 365 days before `until` (whole UTC days) with their relative volumes and a little day-to-day noise. */
export function makeCalendar(untilMs: number, seed: number): Calendar {
  const startMs = untilMs - DAYS * DAY_MS;
  const rng = Rng.of(seed, "calendar");
  const weights = new Float64Array(DAYS);
  for (let d = 0; d < DAYS; d++) {
    const date = new Date(startMs + d * DAY_MS);
    weights[d] = DOW[date.getUTCDay()]! * MONTH[date.getUTCMonth()]! * (0.9 + 0.2 * rng.float());
  }
  return {
    startMs,
    untilMs,
    weights,
    table: new WeightedTable(
      Array.from({ length: DAYS }, (_, d) => d),
      Array.from(weights),
    ),
  };
}

/** Splits `total` over the days in proportion to their weights (largest remainder, exact total). */
export function allocateOverDays(total: number, weights: Float64Array): Int32Array {
  const sum = weights.reduce((a, b) => a + b, 0);
  const counts = new Int32Array(weights.length);
  const remainders: [number, number][] = [];
  let assigned = 0;
  weights.forEach((w, d) => {
    const exact = (total * w) / sum;
    counts[d] = Math.floor(exact);
    assigned += counts[d]!;
    remainders.push([exact - counts[d]!, d]);
  });
  remainders.sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let i = 0; i < total - assigned; i++) counts[remainders[i]![1]]! += 1;
  return counts;
}

function within(dayStart: number, utcHour: number, rng: Rng): number {
  const h = ((utcHour % 24) + 24) % 24;
  return dayStart + Math.floor(h * HOUR_MS + rng.float() * HOUR_MS);
}

/** A moment on the given UTC day during the applicant's waking hours (UTC offset `tz` hours). */
export function honestTime(rng: Rng, dayStart: number, tz: number): number {
  return within(dayStart, localHours.pick(rng) - tz, rng);
}

/** A moment on the given UTC day during office hours at offset `tz` (recruiters). */
export function businessTime(rng: Rng, dayStart: number, tz: number): number {
  return within(dayStart, businessHours.pick(rng) - tz, rng);
}

/** A moment on the given UTC day in an operator's working hours (UTC+8 or UTC+9). */
export function operatorTime(rng: Rng, dayStart: number): number {
  return within(dayStart, operatorHours.pick(rng) - rng.pick([8, 8, 9]), rng);
}

/** A day by volume weight, optionally restricted to [from, to). */
export function pickDay(rng: Rng, cal: Calendar, from = 0, to = DAYS): number {
  if (from <= 0 && to >= DAYS) return cal.table.pick(rng);
  for (let i = 0; i < 20; i++) {
    const d = cal.table.pick(rng);
    if (d >= from && d < to) return d;
  }
  return rng.int(Math.max(0, from), Math.min(DAYS, to) - 1);
}

export function isWeekend(cal: Calendar, day: number): boolean {
  const dow = new Date(cal.startMs + day * DAY_MS).getUTCDay();
  return dow === 0 || dow === 6;
}
