/**
 * Risk score
 * ==========
 *
 * One number 0–100 per cluster. Points are the sum of five capped families, each returned in
 * `score_breakdown` under its code, minus honest explanations (every number is in `opts.score`):
 *
 *   links      (≤ 40)  per identifier kind shared by two or more of the cluster's identities:
 *                      payroll 20, profile 16, device 12, address 10, phone 8, email 8, IP 4
 *                      (how telling one shared identifier of the kind is; research §1.2 column W)
 *   patterns   (≤ 75)  the strongest pattern found, base + span·strength (strength 0–1, set by its detector):
 *                      identity_reuse 70 + 15, account_rental 45 + 20, laptop_farm 35 + 20,
 *                      transitive_chain 50 + 20, lent_contact 25 + 0; +5 for each further pattern
 *   indicators (≤ 30)  with s the share of the cluster's applications showing each: hosting/VPN IP 12·s,
 *                      malformed phone 10·s, education inconsistency 10·s, VoIP phone 4·s, phone
 *                      country unlike the claimed one 4·s; a submission burst (three or more identities,
 *                      at least half of the cluster's, within burstWindowMinutes) +8
 *   size       (≤ 30)  6 · log2(identities / 2): 0 for two identities, 6 for four, 12 for eight, 18 for 16
 *   honest     (≤ 0)   household −25, household shape −15, one contact hub −20, submitted for others −30
 *                      (server/detect/honest.ts)
 *
 *   points     = links + patterns + indicators + size + honest
 *   risk_score = points                                            when points ≤ knee (80)
 *              = knee + (100 − knee) · (1 − e^(−(points − knee) / softness (40)))   above it,
 *   clamped to 0–100 and rounded to one decimal. Below the knee the score is the points (so the level
 *   thresholds keep their meaning); above it, more evidence still raises the score but ever less, so the
 *   clusters at the top stay ordered instead of all reading 100.
 *   risk_level = high when risk_score ≥ thresholds.high (70), medium when ≥ thresholds.medium (40), else low
 *
 * A pattern alone reaches high only for identity reuse (one name and profile with three or more mailboxes
 * and three or more phones or devices: a person keeps one or two); everything else needs shared
 * identifiers and indicators together, so honest look-alikes (households, recruiters, campus and office
 * NAT, repeat applicants), which share much but show few indicators and no pattern, stay below.
 */
import type { AnalysisContext, Detection } from "./context.js";
import type { ClusterFacts } from "./facts.js";
import { EDUCATION_BITS, HOSTING_IP, MALFORMED_PHONE, PHONE_COUNTRY_MISMATCH, VOIP_PHONE } from "./input.js";
import type { DetectOptions, ScoreOptions } from "./options.js";
import { isFarmBurst } from "./patterns/laptop-farm.js";
import { IDENTIFIER_KINDS } from "../common/identifiers.js";
import type { RiskLevel, ScoreComponent } from "../common/detection.js";

const INDICATOR_BITS: readonly { code: keyof DetectOptions["score"]["indicatorPoints"]; bits: number }[] = [
  { code: "hosting_ip", bits: HOSTING_IP },
  { code: "malformed_phone", bits: MALFORMED_PHONE },
  { code: "education_inconsistent", bits: EDUCATION_BITS },
  { code: "voip_phone", bits: VOIP_PHONE },
  { code: "phone_country_mismatch", bits: PHONE_COUNTRY_MISMATCH },
];

export interface ScoreInput {
  facts: ClusterFacts;
  detections: Detection[];
  /** Indicator bits per application of the cluster. */
  appBits: number[];
  honest: ScoreComponent[];
}

export interface Score {
  score: number;
  level: RiskLevel;
  /** The points before squashing (the first tie-break after the score). */
  points: number;
  breakdown: ScoreComponent[];
}

const round1 = (x: number) => Math.round(x * 10) / 10;

export function riskLevel(score: number, t: { high: number; medium: number }): RiskLevel {
  return score >= t.high ? "high" : score >= t.medium ? "medium" : "low";
}

/** Points → 0–100: the identity up to the knee, an exponential approach to 100 above it. */
export function squash(points: number, o: DetectOptions["score"]): number {
  const s = points <= o.knee ? points : o.knee + (100 - o.knee) * (1 - Math.exp(-(points - o.knee) / o.softness));
  const f = 10 ** o.decimals;
  return Math.max(0, Math.min(100, Math.round(s * f) / f));
}

/**
 * The families as functions, shared by cluster scoring here and by screening at intake
 * (server/screen/score.ts), so that one formula serves both. Each returns its breakdown entry, or null
 * when the family adds nothing.
 */

/** Links: the points of each distinct kind shared (kind codes of server/detect/input.ts), capped. */
export function linksComponent(kinds: Iterable<number>, o: ScoreOptions): ScoreComponent | null {
  let links = 0;
  for (const k of new Set(kinds)) links += o.kindPoints[IDENTIFIER_KINDS[k]!];
  return links ? { code: "links", points: Math.min(o.linksCap, links) } : null;
}

/** Patterns: the strongest pattern's base + span·strength, plus extraPatternPoints per further one, capped. */
export function patternsComponent(
  found: readonly { code: string; strength: number }[],
  o: ScoreOptions,
): ScoreComponent | null {
  const patterns = found
    .filter((d) => o.patternPoints[d.code])
    .map((d) => o.patternPoints[d.code]!.base + o.patternPoints[d.code]!.span * d.strength)
    .sort((a, b) => b - a);
  if (!patterns.length) return null;
  return {
    code: "patterns",
    points: round1(Math.min(o.patternsCap, patterns[0]! + o.extraPatternPoints * (patterns.length - 1))),
  };
}

/** Indicators: each indicator's points times the share of the applications showing it, plus a burst, capped. */
export function indicatorsComponent(
  appBits: readonly number[],
  burst: boolean,
  o: ScoreOptions,
): ScoreComponent | null {
  let indicators = 0;
  const n = appBits.length;
  for (const ind of INDICATOR_BITS)
    indicators += (o.indicatorPoints[ind.code] * appBits.filter((b) => b & ind.bits).length) / n;
  if (burst) indicators += o.burstPoints;
  return indicators ? { code: "indicators", points: round1(Math.min(o.indicatorsCap, indicators)) } : null;
}

/** Size: sizePerDoubling · log2(identities / 2), capped. */
export function sizeComponent(identities: number, o: ScoreOptions): ScoreComponent | null {
  const size = round1(Math.min(o.sizeCap, o.sizePerDoubling * Math.log2(Math.max(1, identities / 2))));
  return size ? { code: "size", points: size } : null;
}

/** A breakdown's points, its risk score (squashed) and level. */
export function scoreOf(breakdown: ScoreComponent[], opts: Pick<DetectOptions, "score" | "thresholds">): Score {
  const points = round1(breakdown.reduce((sum, c) => sum + c.points, 0));
  const score = squash(points, opts.score);
  return { score, level: riskLevel(score, opts.thresholds), points, breakdown };
}

export function scoreCluster(ctx: AnalysisContext, s: ScoreInput): Score {
  const o = ctx.opts.score;
  const burst = isFarmBurst(s.facts.burst, s.facts.identities.length, ctx.opts.rules.burstMinIdentities);
  const breakdown = [
    linksComponent(
      s.facts.shared.map((x) => x.kind),
      o,
    ),
    patternsComponent(
      s.detections.filter((d) => d.pattern),
      o,
    ),
    indicatorsComponent(s.appBits, burst, o),
    sizeComponent(s.facts.identities.length, o),
  ].filter((c): c is ScoreComponent => c !== null);
  breakdown.push(...s.honest);
  return scoreOf(breakdown, ctx.opts);
}
