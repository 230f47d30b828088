/**
 * Risk score
 * ==========
 *
 * One number 0–100 per cluster, the sum of five capped families of points minus honest explanations,
 * each part returned in `score_breakdown` with its code:
 *
 *   links      (≤ 40)  per kind shared by two or more of the cluster's identities (kindPoints):
 *                      payroll 20, device 16, profile 16, address 10, phone 8, email 8, IP 4
 *   patterns   (≤ 40)  the strongest pattern 25 + 15·strength, +5 for each further pattern
 *                      (laptop_farm, account_rental, identity_reuse; shared_infrastructure adds nothing)
 *   indicators (≤ 30)  share s of the cluster's applications showing each: hosting/VPN IP 12·s,
 *                      malformed phone 10·s, education inconsistency 10·s, VoIP phone 4·s, phone
 *                      country unlike the claimed one 4·s; a submission burst +8
 *   size       (≤ 10)  2 per identity beyond the second
 *   honest     (≤ 0)   family: the identities share a surname and nothing stronger than an address,
 *                      IP, device or phone (no payroll account, no profile) −25; one hub: a single phone
 *                      or email is all they share (a recruiter's number on candidates' forms) −20
 *
 *   risk_score = clamp(round(links + patterns + indicators + size + honest), 0, 100)
 *   risk_level = high when ≥ thresholds.high (70), medium when ≥ thresholds.medium (40), else low
 */
import {
  EDUCATION_BITS,
  HOSTING_IP,
  MALFORMED_PHONE,
  PHONE_COUNTRY_MISMATCH,
  VOIP_PHONE,
} from "./app-indicators.js";
import type { Burst } from "./burst.js";
import type { AnalysisContext, Detection } from "./context.js";
import type { ClusterFacts } from "./facts.js";
import { K } from "./input.js";
import type { RiskLevel, ScoreComponent } from "./types.js";

export const KIND_POINTS: readonly number[] = (() => {
  const p: number[] = [];
  p[K.payment] = 20;
  p[K.device] = 16;
  p[K.profile] = 16;
  p[K.address] = 10;
  p[K.phone] = 8;
  p[K.email] = 8;
  p[K.ip] = 4;
  return p;
})();

export const CAPS = { links: 40, patterns: 40, indicators: 30, size: 10 } as const;

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
  /** Indicator bits per application of the cluster (same order as facts.apps). */
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

export function scoreCluster(ctx: AnalysisContext, s: ScoreInput): Score {
  const breakdown: ScoreComponent[] = [];
  const kinds = new Set(s.facts.shared.map((x) => x.kind));
  let links = 0;
  for (const k of [...kinds].sort((a, b) => a - b)) links += KIND_POINTS[k]!;
  if (links) breakdown.push({ code: "links", points: Math.min(CAPS.links, links) });

  const patterns = s.detections
    .filter((d) => d.pattern && d.pattern !== "shared_infrastructure")
    .map((d) => 25 + 15 * d.strength)
    .sort((a, b) => b - a);
  if (patterns.length)
    breakdown.push({ code: "patterns", points: round1(Math.min(CAPS.patterns, patterns[0]! + 5 * (patterns.length - 1))) });

  let indicators = 0;
  const n = s.appBits.length;
  for (const ind of INDICATOR_POINTS) {
    const share = s.appBits.filter((b) => b & ind.bits).length / n;
    indicators += ind.points * share;
  }
  const farmBurst = s.burst.identities >= 3 && s.burst.identities * 2 >= s.facts.identities.length;
  if (farmBurst) indicators += 8;
  if (indicators) breakdown.push({ code: "indicators", points: round1(Math.min(CAPS.indicators, indicators)) });

  const size = Math.min(CAPS.size, 2 * Math.max(0, s.facts.identities.length - 2));
  if (size) breakdown.push({ code: "size", points: size });
  breakdown.push(...s.honest);

  const total = breakdown.reduce((sum, c) => sum + c.points, 0);
  const score = Math.max(0, Math.min(100, Math.round(total)));
  return { score, level: riskLevel(score, ctx.opts.thresholds), breakdown };
}
