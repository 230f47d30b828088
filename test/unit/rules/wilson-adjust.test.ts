/**
 * Wilson intervals against published values, and the bounds of the verdict adjustment.
 */
import { describe, expect, it } from "vitest";

import { ADJUST, ruleFactor } from "../../../server/rules/adjust.js";
import { wilson } from "../../../server/rules/wilson.js";

describe("wilson", () => {
  it("matches the textbook values", () => {
    // Newcombe (1998), table I: 81/263 → 0.2553–0.3662; 15/148 → 0.0624–0.1605.
    const [lo, hi] = wilson(81, 263);
    expect(lo).toBeCloseTo(0.2553, 3);
    expect(hi).toBeCloseTo(0.3662, 3);
    const [lo2, hi2] = wilson(15, 148);
    expect(lo2).toBeCloseTo(0.0624, 3);
    expect(hi2).toBeCloseTo(0.1605, 3);
  });

  it("stays inside [0, 1] at 0 and n hits and is [0, 1] without data", () => {
    expect(wilson(0, 10)[0]).toBe(0);
    expect(wilson(10, 10)[1]).toBe(1);
    expect(wilson(0, 10)[1]).toBeCloseTo(0.2775, 3);
    expect(wilson(0, 0)).toEqual([0, 1]);
  });
});

describe("ruleFactor", () => {
  const rule = { honest: false };
  it("does not move below the minimum number of verdicts", () => {
    expect(ruleFactor(rule, { confirmed: ADJUST.minVerdicts - 1, dismissed: 0 })).toBe(1);
  });
  it("moves with the verdicts through the prior: ten confirmations are +1/3", () => {
    expect(ruleFactor(rule, { confirmed: 10, dismissed: 0 })).toBeCloseTo(1.333, 3);
    expect(ruleFactor(rule, { confirmed: 0, dismissed: 10 })).toBeCloseTo(0.667, 3);
    expect(ruleFactor(rule, { confirmed: 5, dismissed: 5 })).toBe(1);
  });
  it("is bounded by ±50% however many verdicts", () => {
    expect(ruleFactor(rule, { confirmed: 100000, dismissed: 0 })).toBe(1.5);
    expect(ruleFactor(rule, { confirmed: 0, dismissed: 100000 })).toBe(0.5);
  });
  it("counts dismissals as hits for honest explanations", () => {
    expect(ruleFactor({ honest: true }, { confirmed: 0, dismissed: 10 })).toBeCloseTo(1.333, 3);
  });
});
