/**
 * Timeline binning and brushing: the bin width is the smallest round step keeping the bar count under
 * the limit, bins are UTC-aligned, and bars map to [from, to) ranges and back.
 */
import { describe, expect, it } from "vitest";

import { binTimes, binsToRange, inRange, rangeToBins } from "../../../client/graph/timeline.js";

const t = (iso: string) => Date.parse(iso);
const DAY = 86_400_000;

describe("binTimes", () => {
  it("uses days for a month of submissions, aligned to UTC midnight", () => {
    const h = binTimes([
      t("2026-01-01T10:00:00Z"),
      t("2026-01-01T23:00:00Z"),
      t("2026-01-03T01:00:00Z"),
      t("2026-01-20T12:00:00Z"),
    ]);
    expect(h.step).toBe(DAY);
    expect(h.stepLabel).toBe("day");
    expect(h.start).toBe(t("2026-01-01T00:00:00Z"));
    expect(h.counts.length).toBe(20);
    expect(h.counts[0]).toBe(2);
    expect(h.counts[2]).toBe(1);
    expect(h.counts[19]).toBe(1);
    expect(h.max).toBe(2);
  });

  it("widens the step for a year, and stays under the bar limit", () => {
    const times = Array.from({ length: 365 }, (_, i) => t("2025-01-01T00:00:00Z") + i * DAY);
    const h = binTimes(times, 60);
    expect(h.counts.length).toBeLessThanOrEqual(60);
    expect(h.stepLabel).toBe("week");
    expect(h.counts.reduce((a, b) => a + b, 0)).toBe(365);
  });

  it("uses hours for a burst within one day, and copes with one time or none", () => {
    const burst = binTimes([t("2026-02-01T09:10:00Z"), t("2026-02-01T09:50:00Z"), t("2026-02-01T14:00:00Z")]);
    expect(burst.stepLabel).toBe("hour");
    expect(burst.counts).toEqual([2, 0, 0, 0, 0, 1]);
    expect(binTimes([t("2026-02-01T09:10:00Z")]).counts).toEqual([1]);
    expect(binTimes([]).counts).toEqual([]);
    expect(binTimes([NaN, t("2026-02-01T09:10:00Z")]).counts).toEqual([1]);
  });
});

describe("brushing", () => {
  const h = binTimes([t("2026-01-01T10:00:00Z"), t("2026-01-10T10:00:00Z")]);

  it("maps bars to a half-open range in either drag direction, and back", () => {
    expect(binsToRange(h, 2, 4)).toEqual([t("2026-01-03T00:00:00Z"), t("2026-01-06T00:00:00Z")]);
    expect(binsToRange(h, 4, 2)).toEqual(binsToRange(h, 2, 4));
    expect(rangeToBins(h, binsToRange(h, 2, 4))).toEqual([2, 4]);
    expect(binsToRange(h, -3, 99)).toEqual([h.start, h.start + h.counts.length * DAY]);
    expect(rangeToBins(h, [t("2027-01-01T00:00:00Z"), t("2027-02-01T00:00:00Z")])).toBeNull();
  });

  it("includes the start and excludes the end of a range", () => {
    const r = [t("2026-01-03T00:00:00Z"), t("2026-01-06T00:00:00Z")] as const;
    expect(inRange(r[0], r)).toBe(true);
    expect(inRange(r[1], r)).toBe(false);
    expect(inRange(null, r)).toBe(false);
    expect(inRange(null, null)).toBe(true);
  });
});
