/**
 * Wilson score interval
 * =====================
 *
 * The interval for a proportion k/n that stays inside [0, 1] and behaves at small n and at 0 or n hits,
 * where the normal approximation does not (Wilson 1927; Brown, Cai & DasGupta 2001 recommend it for
 * n < 40). z = 1.96 for 95%.
 */
export function wilson(k: number, n: number, z = 1.96): [number, number] {
  if (n <= 0) return [0, 1];
  const p = k / n;
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denom;
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denom;
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}
