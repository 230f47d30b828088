/**
 * The pattern registry and the options: every definition is complete, every contract pattern has a
 * detector, every scoring detector's points are in the options a run records, and options validate.
 */
import { describe, expect, it } from "vitest";

import { DEFAULT_DETECT_OPTIONS, resolveDetectOptions } from "../../../server/detect/options.js";
import { PATTERN_REGISTRY } from "../../../server/detect/patterns/index.js";
import { PATTERNS } from "../../../server/detect/types.js";
import { detect, stranger } from "./helpers.js";

describe("pattern registry", () => {
  it("has unique codes, labels and help, and covers every contract pattern", () => {
    const codes = PATTERN_REGISTRY.map((d) => d.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const d of PATTERN_REGISTRY) {
      expect(d.label.length).toBeGreaterThan(3);
      expect(d.help.length).toBeGreaterThan(10);
      expect(PATTERNS).toContain(d.pattern);
    }
    for (const p of PATTERNS) expect(PATTERN_REGISTRY.some((d) => d.pattern === p)).toBe(true);
  });

  it("puts each scoring detector's points into the default options", () => {
    for (const d of PATTERN_REGISTRY)
      if (d.points) expect(DEFAULT_DETECT_OPTIONS.score.patternPoints[d.code]).toEqual(d.points);
  });

  it("records every scoring number on the run's parameters, and a changed one changes the score", () => {
    const apps = [stranger(1, { payment: "PAY-1" }), stranger(2, { payment: "PAY-1" })];
    const base = detect(apps);
    expect(base.parameters.score).toEqual(DEFAULT_DETECT_OPTIONS.score);
    expect(base.parameters.rules).toEqual(DEFAULT_DETECT_OPTIONS.rules);
    const heavier = detect(apps, { score: { kindPoints: { payment: 30 } } });
    expect((heavier.parameters.score as typeof DEFAULT_DETECT_OPTIONS.score).kindPoints.payment).toBe(30);
    expect(heavier.clusters[0]!.risk_score).toBe(base.clusters[0]!.risk_score + 10);
  });

  it("rejects invalid numbers with the option's name", () => {
    expect(() => resolveDetectOptions({ score: { knee: 150 } })).toThrow(/score\.knee/);
    expect(() => resolveDetectOptions({ rules: { chainMinKinds: 1 } })).toThrow(/rules\.chainMinKinds/);
    expect(() => resolveDetectOptions({ seed: 1.5 })).toThrow(/seed/);
  });
});
