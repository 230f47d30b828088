/**
 * Layout settle criterion
 * =======================
 *
 * ForceAtlas2 has no convergence test of its own and its worker runs until stopped. The client stops
 * it at the first of: the layout has settled, or the time budget (settings.ts `layoutBudget`) is spent.
 * "Settled" means: for `patience` consecutive iterations, the mean node displacement per iteration is
 * below `threshold` times the diagonal of the layout's bounding box. Pure, so it is tested in Node.
 */
export interface SettleOptions {
  /** Relative displacement per iteration below which an iteration counts as calm. */
  threshold: number;
  /** Consecutive calm iterations needed. */
  patience: number;
  /** Iterations always run first (FA2 starts slowly and then speeds up). */
  minIterations: number;
}

export const DEFAULT_SETTLE_OPTIONS: SettleOptions = { threshold: 0.002, patience: 5, minIterations: 15 };

/** Mean distance moved by the points (x0,y0,x1,y1… interleaved) divided by the new bounding-box diagonal. */
export function relativeDisplacement(previous: ArrayLike<number>, next: ArrayLike<number>): number {
  const n = Math.min(previous.length, next.length) >> 1;
  if (n === 0) return 0;
  let sum = 0;
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (let i = 0; i < n; i++) {
    const x = next[2 * i]!;
    const y = next[2 * i + 1]!;
    sum += Math.hypot(x - previous[2 * i]!, y - previous[2 * i + 1]!);
    if (x < minX) minX = x;
    if (x > maxX) maxX = x;
    if (y < minY) minY = y;
    if (y > maxY) maxY = y;
  }
  const diagonal = Math.hypot(maxX - minX, maxY - minY);
  return diagonal > 0 ? sum / n / diagonal : 0;
}

export interface SettleTracker {
  /** Feeds the positions after one iteration; true once the layout counts as settled. */
  observe(positions: ArrayLike<number>): boolean;
  readonly iterations: number;
  readonly lastDisplacement: number;
}

export function createSettleTracker(options: Partial<SettleOptions> = {}): SettleTracker {
  const o = { ...DEFAULT_SETTLE_OPTIONS, ...options };
  let previous: number[] | null = null;
  let calm = 0;
  let iterations = 0;
  let last = Infinity;
  return {
    observe(positions) {
      iterations++;
      if (previous) {
        last = relativeDisplacement(previous, positions);
        calm = last < o.threshold ? calm + 1 : 0;
      }
      previous = Array.from(positions);
      return iterations >= o.minIterations && calm >= o.patience;
    },
    get iterations() {
      return iterations;
    },
    get lastDisplacement() {
      return last;
    },
  };
}
