/**
 * Wilson intervals against published values, the bounds of the verdict adjustment, and how its factors
 * reach detection's score options.
 */
import { describe, expect, it } from "vitest";

import { DEFAULT_DETECT_OPTIONS, resolveDetectOptions } from "../../../server/detect/options.js";
import { PATTERN_REGISTRY } from "../../../server/detect/patterns/index.js";
import { ADJUST, ruleFactor } from "../../../server/rules/adjust.js";
import { rulesOf, scaledScoreOptions } from "../../../server/rules/catalogue.js";
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

describe("scaledScoreOptions", () => {
  it("scales each rule's points where detection reads them, and nothing else", () => {
    const base = DEFAULT_DETECT_OPTIONS.score;
    const s = scaledScoreOptions(base, {
      shared_payment: 1.5,
      laptop_farm: 0.5,
      hosting_ip: 1.25,
      farm_submission_burst: 0.5,
      household: 1.2,
      submitted_for_others: 0.8,
    });
    expect(s.kindPoints.payment).toBe(30);
    expect(s.patternPoints.laptop_farm).toEqual({ base: 17.5, span: 10 });
    expect(s.indicatorPoints.hosting_ip).toBe(15);
    expect(s.burstPoints).toBe(4);
    expect(s.household).toBe(-30);
    expect(s.submissionChannel).toBe(-24);
    // Untouched: other rules, caps, the squash; and the defaults themselves.
    expect(s.kindPoints.device).toBe(base.kindPoints.device);
    expect(s.patternPoints.identity_reuse).toEqual(base.patternPoints.identity_reuse);
    expect([s.linksCap, s.knee, s.softness]).toEqual([base.linksCap, base.knee, base.softness]);
    expect(DEFAULT_DETECT_OPTIONS.score.kindPoints.payment).toBe(20);
    // The result is valid detection options.
    expect(resolveDetectOptions({ score: s }).score).toEqual(s);
  });

  it("lists every scoring rule once, from detection's options and pattern registry", () => {
    const codes = rulesOf().map((r) => r.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const p of PATTERN_REGISTRY) expect(codes.includes(p.code)).toBe(p.points !== null);
    expect(codes).toEqual(
      expect.arrayContaining([
        "shared_ip",
        "hosting_ip",
        "farm_submission_burst",
        "household_shape",
        "one_contact_hub",
      ]),
    );
  });
});
