/**
 * Risk score
 * ==========
 *
 * One number 0–100 per cluster: the sum of five capped families of points, each returned in
 * `score_breakdown` under its code, minus honest explanations:
 *
 *   links      (≤ 40)  per identifier kind shared by two or more of the cluster's identities:
 *                      payroll 20, profile 16, device 12, address 10, phone 8, email 8, IP 4
 *                      (how telling one shared identifier of the kind is; research §1.2 column W)
 *   patterns   (≤ 75)  the strongest pattern found, base + span·strength (strength 0–1, set by its detector):
 *                      identity_reuse 70 + 15, account_rental 45 + 20, laptop_farm 35 + 20,
 *                      transitive_chain 45 + 15; +5 for each further pattern
 *   indicators (≤ 30)  with s the share of the cluster's applications showing each: hosting/VPN IP 12·s,
 *                      malformed phone 10·s, education inconsistency 10·s, VoIP phone 4·s, phone
 *                      country unlike the claimed one 4·s; a submission burst (three or more identities,
 *                      at least half of the cluster's, within burstWindowMinutes) +8
 *   size       (≤ 10)  2 per identity beyond the second
 *   honest     (≤ 0)   household −25, one contact hub −20 (server/detect/honest.ts)
 *
 *   risk_score = clamp(round(links + patterns + indicators + size + honest), 0, 100)
 *   risk_level = high when risk_score ≥ thresholds.high (70), medium when ≥ thresholds.medium (40), else low
 *
 * A pattern alone reaches high only for identity reuse (one name and profile with three or more mailboxes
 * and three or more phones or devices: a person keeps one or two); everything else needs shared
 * identifiers and indicators together, so honest look-alikes (households, recruiters, campus and office
 * NAT, repeat applicants), which share much but show few indicators and no pattern, stay below.
 */
import type { Burst } from "./burst.js";
import { FAMILY_POINTS, ONE_HUB_POINTS } from "./honest.js";
import type { AnalysisContext, Detection } from "./context.js";
import type { ClusterFacts } from "./facts.js";
import {
  EDUCATION_BITS,
  HOSTING_IP,
  K,
  kindName,
  MALFORMED_PHONE,
  PHONE_COUNTRY_MISMATCH,
  VOIP_PHONE,
} from "./input.js";
import { isFarmBurst } from "./patterns/laptop-farm.js";
import type { RiskLevel, ScoreComponent } from "./types.js";

export const KIND_POINTS: readonly number[] = (() => {
  const p: number[] = [];
  p[K.payment] = 20;
  p[K.profile] = 16;
  p[K.device] = 12;
  p[K.address] = 10;
  p[K.phone] = 8;
  p[K.email] = 8;
  p[K.ip] = 4;
  return p;
})();

export const PATTERN_POINTS: Readonly<Record<string, { base: number; span: number }>> = {
  identity_reuse: { base: 70, span: 15 },
  account_rental: { base: 45, span: 20 },
  laptop_farm: { base: 35, span: 20 },
  transitive_chain: { base: 45, span: 15 },
};
export const EXTRA_PATTERN_POINTS = 5;
export const BURST_POINTS = 8;
export const CAPS = { links: 40, patterns: 75, indicators: 30, size: 10 } as const;

export const INDICATOR_POINTS: readonly { code: string; bits: number; points: number }[] = [
  { code: "hosting_ip", bits: HOSTING_IP, points: 12 },
  { code: "malformed_phone", bits: MALFORMED_PHONE, points: 10 },
  { code: "education_inconsistent", bits: EDUCATION_BITS, points: 10 },
  { code: "voip_phone", bits: VOIP_PHONE, points: 4 },
  { code: "phone_country_mismatch", bits: PHONE_COUNTRY_MISMATCH, points: 4 },
];

export interface ScoreInput {
  facts: ClusterFacts;
  detections: Detection[];
  burst: Burst;
  /** Indicator bits per application of the cluster. */
  appBits: number[];
  honest: ScoreComponent[];
}

export interface Score {
  score: number;
  level: RiskLevel;
  breakdown: ScoreComponent[];
}

const round1 = (x: number) => Math.round(x * 10) / 10;

export function riskLevel(score: number, t: { high: number; medium: number }): RiskLevel {
  return score >= t.high ? "high" : score >= t.medium ? "medium" : "low";
}

/**
 * The score's families as functions, shared by cluster scoring here and by screening at intake
 * (server/screen/score.ts), so one formula serves both. `factor(code)` scales a rule's points (1 unless
 * detection runs with the verdict adjustment of server/rules/adjust.ts); codes are the reason codes:
 * `shared_<kind>` for links, the pattern names, the indicator codes, `household` and `one_contact_hub`.
 */
export type PointFactor = (code: string) => number;
export const NO_ADJUSTMENT: PointFactor = () => 1;

/** Every rule's points as a run uses them (base × factor), recorded on the run as `parameters.points`. */
export function pointsInForce(factor: PointFactor = NO_ADJUSTMENT): Record<string, { points: number; factor: number }> {
  const out: Record<string, { points: number; factor: number }> = {};
  const put = (code: string, base: number) => {
    const f = factor(code);
    out[code] = { points: round1(base * f), factor: f };
  };
  KIND_POINTS.forEach((p, k) => put(`shared_${kindName(k)}`, p));
  for (const [code, p] of Object.entries(PATTERN_POINTS)) put(code, p.base);
  for (const i of INDICATOR_POINTS) put(i.code, i.points);
  put("farm_submission_burst", BURST_POINTS);
  put("household", FAMILY_POINTS);
  put("one_contact_hub", ONE_HUB_POINTS);
  return out;
}

/** Links: the points of each distinct kind shared, capped. `kinds` are kind codes. */
export function linkPoints(kinds: Iterable<number>, factor: PointFactor = NO_ADJUSTMENT): number {
  let sum = 0;
  for (const k of new Set(kinds)) sum += KIND_POINTS[k]! * factor(`shared_${kindName(k)}`);
  return Math.min(CAPS.links, sum);
}

/** Patterns: the strongest pattern's base + span·strength, +5 per further pattern, capped. */
export function patternPoints(
  found: readonly { code: string; strength: number }[],
  factor: PointFactor = NO_ADJUSTMENT,
): number {
  const points = found
    .filter((d) => PATTERN_POINTS[d.code])
    .map((d) => (PATTERN_POINTS[d.code]!.base + PATTERN_POINTS[d.code]!.span * d.strength) * factor(d.code))
    .sort((a, b) => b - a);
  if (!points.length) return 0;
  return round1(Math.min(CAPS.patterns, points[0]! + EXTRA_PATTERN_POINTS * (points.length - 1)));
}

/** Indicators: each indicator's points times the share of applications showing it, plus a burst, capped. */
export function indicatorPoints(
  appBits: readonly number[],
  burst: boolean,
  factor: PointFactor = NO_ADJUSTMENT,
): number {
  let sum = 0;
  const n = appBits.length;
  if (n)
    for (const ind of INDICATOR_POINTS)
      sum += (ind.points * factor(ind.code) * appBits.filter((b) => b & ind.bits).length) / n;
  if (burst) sum += BURST_POINTS * factor("farm_submission_burst");
  return round1(Math.min(CAPS.indicators, sum));
}

/** Size: 2 per identity beyond the second, capped. */
export const sizePoints = (identities: number): number => Math.min(CAPS.size, 2 * Math.max(0, identities - 2));

/** The sum of a breakdown, rounded and clamped to 0–100. */
export function totalScore(breakdown: readonly ScoreComponent[]): number {
  const total = breakdown.reduce((sum, c) => sum + c.points, 0);
  return Math.max(0, Math.min(100, Math.round(total)));
}

export function scoreCluster(ctx: AnalysisContext, s: ScoreInput): Score {
  const factor = ctx.opts.pointFactor ?? NO_ADJUSTMENT;
  const breakdown: ScoreComponent[] = [];
  const links = linkPoints(
    s.facts.shared.map((x) => x.kind),
    factor,
  );
  if (links) breakdown.push({ code: "links", points: round1(links) });
  const patterns = patternPoints(
    s.detections.filter((d) => d.pattern),
    factor,
  );
  if (patterns) breakdown.push({ code: "patterns", points: patterns });
  const indicators = indicatorPoints(s.appBits, isFarmBurst(s.burst, s.facts.identities.length), factor);
  if (indicators) breakdown.push({ code: "indicators", points: indicators });
  const size = sizePoints(s.facts.identities.length);
  if (size) breakdown.push({ code: "size", points: size });
  breakdown.push(...s.honest.map((h) => ({ code: h.code, points: round1(h.points * factor(h.code)) })));
  const score = totalScore(breakdown);
  return { score, level: riskLevel(score, ctx.opts.thresholds), breakdown };
}
