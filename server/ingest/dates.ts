/**
 * Calendar checks
 * ===============
 *
 * `Date.parse` rolls an impossible day over into the next month (2026-02-30 becomes 2026-03-02);
 * these checks find such dates first so that ingest rejects them instead of storing another day.
 * Hours, minutes, seconds and offsets out of range already make `Date.parse` return NaN.
 */
const YMD = /^(\d{4})-(\d{2})-(\d{2})/;

/**
 * Why a text that starts with `YYYY-MM-DD` names no real day, or null when it does (or does not start
 * with a full date). "2026-02-30" → "2026-02 has 28 days".
 */
export function impossibleDay(text: string): string | null {
  const m = YMD.exec(text);
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (month < 1 || month > 12) return `there is no month ${m[2]}`;
  // Date.UTC maps years 0–99 to 1900–1999; setUTCFullYear does not.
  const last = new Date(0);
  last.setUTCFullYear(year, month, 0);
  const days = last.getUTCDate();
  if (day < 1 || day > days) return `${m[1]}-${m[2]} has ${days} days`;
  return null;
}
