/**
 * Timeline binning
 * ================
 *
 * Submission times as a histogram for the brushable timeline: the bin width is the smallest "round"
 * step (hours, days, weeks …) that keeps the bar count under `maxBins`, and never under a day once the
 * times span more than a week (days read better than 12-hour bars); aligned to UTC, so the bars line
 * up with calendar days. A brushed bar range maps back to a half-open time range [from, to).
 */
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export const TIME_STEPS: readonly { ms: number; label: string }[] = [
  { ms: HOUR, label: "hour" },
  { ms: 3 * HOUR, label: "3 hours" },
  { ms: 6 * HOUR, label: "6 hours" },
  { ms: 12 * HOUR, label: "12 hours" },
  { ms: DAY, label: "day" },
  { ms: 2 * DAY, label: "2 days" },
  { ms: 7 * DAY, label: "week" },
  { ms: 14 * DAY, label: "2 weeks" },
  { ms: 30 * DAY, label: "30 days" },
  { ms: 91 * DAY, label: "quarter" },
  { ms: 365 * DAY, label: "year" },
];

export interface Histogram {
  /** Start of the first bin (ms since epoch, UTC-aligned to the step). */
  start: number;
  step: number;
  stepLabel: string;
  counts: number[];
  max: number;
}

export type TimeRange = readonly [from: number, to: number];

export function binTimes(times: readonly number[], maxBins = 60): Histogram {
  const valid = times.filter((t) => Number.isFinite(t));
  if (valid.length === 0) return { start: 0, step: DAY, stepLabel: "day", counts: [], max: 0 };
  let min = Infinity;
  let max = -Infinity;
  for (const t of valid) {
    if (t < min) min = t;
    if (t > max) max = t;
  }
  const span = max - min;
  const chosen =
    TIME_STEPS.find(
      (s) => (span <= 7 * DAY || s.ms >= DAY) && Math.floor(max / s.ms) - Math.floor(min / s.ms) + 1 <= maxBins,
    ) ?? TIME_STEPS[TIME_STEPS.length - 1]!;
  // Very short spans still get a few bars: a single burst reads better as one tall bar among empty ones.
  const step = span === 0 ? DAY : chosen.ms;
  const start = Math.floor(min / step) * step;
  const n = Math.floor((max - start) / step) + 1;
  const counts = new Array<number>(n).fill(0);
  for (const t of valid) counts[Math.floor((t - start) / step)]!++;
  return {
    start,
    step,
    stepLabel: span === 0 ? "day" : chosen.label,
    counts,
    max: Math.max(...counts),
  };
}

/** The time range covered by bars i0..i1 (either order, inclusive), as [from, to). */
export function binsToRange(h: Histogram, i0: number, i1: number): TimeRange {
  const lo = Math.max(0, Math.min(i0, i1));
  const hi = Math.min(h.counts.length - 1, Math.max(i0, i1));
  return [h.start + lo * h.step, h.start + (hi + 1) * h.step];
}

/** The bars a range covers (inclusive), clamped to the histogram; null when it misses them all. */
export function rangeToBins(h: Histogram, range: TimeRange): [number, number] | null {
  const lo = Math.floor((range[0] - h.start) / h.step);
  const hi = Math.ceil((range[1] - h.start) / h.step) - 1;
  const a = Math.max(0, lo);
  const b = Math.min(h.counts.length - 1, hi);
  return a <= b ? [a, b] : null;
}

export function inRange(t: number | null, range: TimeRange | null): boolean {
  if (!range) return true;
  return t !== null && t >= range[0] && t < range[1];
}
