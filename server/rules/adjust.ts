/**
 * Verdict adjustment of rule points
 * =================================
 *
 * Off unless switched on (DETECT_ADJUST_FROM_VERDICTS=1, or `npm run detect -- --adjust`). Each rule's
 * points are multiplied by a factor learnt from the triage verdicts on clusters it fired on:
 *
 *   hits      = confirmed rings among them (dismissals for the honest explanations, which are right
 *               when a cluster is benign)
 *   n         = confirmed + dismissed
 *   precision = (hits + m·p0) / (n + m)            a Beta prior worth m = 20 verdicts at p0 = 0.5
 *   factor    = clamp(precision / p0, 1 − b, 1 + b) with b = 0.5; exactly 1 while n < 10 (minVerdicts)
 *
 * So no rule moves on fewer than ten verdicts, ten verdicts all one way move it by a third at most, and
 * no amount of verdicts more than halves or adds half to its points. The factors scale the rule's points
 * in detection's options (`DetectOptions.score`, through ./catalogue.ts's `scaledScoreOptions`), so a run
 * records the points it used as `parameters.score`, and the factors with their verdicts as
 * `parameters.verdict_adjustment` (null when the adjustment is off).
 */
import type { Rule, VerdictCounts } from "../common/api/rules.js";

export interface AdjustSettings {
  minVerdicts: number;
  priorStrength: number;
  priorPrecision: number;
  maxChange: number;
}

export const ADJUST: Readonly<AdjustSettings> = Object.freeze({
  minVerdicts: 10,
  priorStrength: 20,
  priorPrecision: 0.5,
  maxChange: 0.5,
});

export function ruleFactor(rule: Pick<Rule, "honest">, v: VerdictCounts, s: AdjustSettings = ADJUST): number {
  const n = v.confirmed + v.dismissed;
  if (n < s.minVerdicts) return 1;
  const hits = rule.honest ? v.dismissed : v.confirmed;
  const precision = (hits + s.priorStrength * s.priorPrecision) / (n + s.priorStrength);
  const f = precision / s.priorPrecision;
  return Math.round(Math.min(1 + s.maxChange, Math.max(1 - s.maxChange, f)) * 1000) / 1000;
}
