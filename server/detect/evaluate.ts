/**
 * Evaluation against ground truth
 * ===============================
 *
 * Scores a detection pass against a seeded population's truth: application-level precision and recall
 * of the high-risk clusters, pairwise precision/recall/F1 (pairs of applications in one flagged cluster
 * against pairs in one true ring), recall per ring type, and the share of honest applications flagged
 * high per look-alike type. Pure; `npm run eval` prints it.
 */
import type { DetectedCluster, RiskLevel } from "./types.js";

export interface TruthLike {
  application_id: string;
  ring_id: string | null;
  ring_type: string | null;
  lookalike: string | null;
}

export interface Ratio {
  hit: number;
  total: number;
  rate: number;
}

export interface EvalReport {
  applications: number;
  ringApplications: number;
  rings: number;
  flaggedLevel: RiskLevel;
  flaggedClusters: number;
  flaggedApplications: number;
  application: { precision: number; recall: number };
  pairwise: {
    precision: number;
    recall: number;
    f1: number;
    truePairs: number;
    predictedPairs: number;
    correctPairs: number;
  };
  /** Share of each ring type's applications in a flagged cluster, and of its rings mostly flagged. */
  ringTypeRecall: Record<string, Ratio & { ringsFound: number; rings: number }>;
  /** Share of honest applications flagged, overall and per look-alike type (`none` for honest outside any). */
  honestFlagged: Ratio;
  honestFlaggedByLookalike: Record<string, Ratio>;
  /** Clusters per risk level, for context. */
  levels: Record<RiskLevel, number>;
}

/** Precision at k of the queue: of its first k clusters, the share that are a ring (most applications in one). */
export interface PrecisionAt {
  k: number;
  rings: number;
  clusters: number;
  precision: number;
}

/**
 * `clusters` in queue order. A cluster counts as a hit when more than half of its applications belong to
 * one ring: the investigator who opens it finds a ring.
 */
export function precisionAt(
  clusters: readonly Pick<DetectedCluster, "application_ids">[],
  truth: readonly TruthLike[],
  ks: readonly number[] = [10, 20, 50],
): PrecisionAt[] {
  const ring = new Map(truth.map((t) => [t.application_id, t.ring_id]));
  const hit = clusters.map((c) => {
    const per = new Map<string, number>();
    for (const id of c.application_ids) {
      const r = ring.get(id);
      if (r) per.set(r, (per.get(r) ?? 0) + 1);
    }
    return Math.max(0, ...per.values()) * 2 > c.application_ids.length;
  });
  return ks.map((k) => {
    const top = hit.slice(0, k);
    const rings = top.filter(Boolean).length;
    return { k, rings, clusters: top.length, precision: top.length ? rings / top.length : 0 };
  });
}

const pairs = (n: number) => (n * (n - 1)) / 2;
const ratio = (hit: number, total: number): Ratio => ({ hit, total, rate: total ? hit / total : 0 });

export function evaluate(
  clusters: readonly Pick<DetectedCluster, "application_ids" | "risk_level">[],
  truth: readonly TruthLike[],
  flaggedLevel: RiskLevel = "high",
): EvalReport {
  const byId = new Map(truth.map((t) => [t.application_id, t]));
  const flagged = clusters.filter((c) => c.risk_level === flaggedLevel);
  const flaggedApps = new Set<string>();
  let predictedPairs = 0;
  let correctPairs = 0;
  for (const c of flagged) {
    predictedPairs += pairs(c.application_ids.length);
    const perRing = new Map<string, number>();
    for (const id of c.application_ids) {
      flaggedApps.add(id);
      const ring = byId.get(id)?.ring_id;
      if (ring) perRing.set(ring, (perRing.get(ring) ?? 0) + 1);
    }
    for (const n of perRing.values()) correctPairs += pairs(n);
  }
  const ringSize = new Map<string, number>();
  const ringType = new Map<string, string>();
  const ringHits = new Map<string, number>();
  for (const t of truth)
    if (t.ring_id) {
      ringSize.set(t.ring_id, (ringSize.get(t.ring_id) ?? 0) + 1);
      ringType.set(t.ring_id, t.ring_type ?? "unknown");
      if (flaggedApps.has(t.application_id)) ringHits.set(t.ring_id, (ringHits.get(t.ring_id) ?? 0) + 1);
    }
  let truePairs = 0;
  for (const n of ringSize.values()) truePairs += pairs(n);
  const ringApps = truth.filter((t) => t.ring_id);
  const ringAppsFlagged = ringApps.filter((t) => flaggedApps.has(t.application_id)).length;
  const precision = predictedPairs ? correctPairs / predictedPairs : 0;
  const recall = truePairs ? correctPairs / truePairs : 0;

  const ringTypeRecall: EvalReport["ringTypeRecall"] = {};
  for (const t of ringApps) {
    const type = t.ring_type ?? "unknown";
    const r = (ringTypeRecall[type] ??= { hit: 0, total: 0, rate: 0, ringsFound: 0, rings: 0 });
    r.total++;
    if (flaggedApps.has(t.application_id)) r.hit++;
  }
  for (const [ring, size] of ringSize) {
    const r = ringTypeRecall[ringType.get(ring)!]!;
    r.rings++;
    if ((ringHits.get(ring) ?? 0) * 2 > size) r.ringsFound++;
  }
  for (const r of Object.values(ringTypeRecall)) r.rate = r.total ? r.hit / r.total : 0;

  const honest = truth.filter((t) => !t.ring_id);
  const honestFlaggedByLookalike: Record<string, Ratio> = {};
  for (const t of honest) {
    const key = t.lookalike ?? "none";
    const r = (honestFlaggedByLookalike[key] ??= ratio(0, 0));
    r.total++;
    if (flaggedApps.has(t.application_id)) r.hit++;
  }
  for (const r of Object.values(honestFlaggedByLookalike)) r.rate = r.total ? r.hit / r.total : 0;
  const honestHit = honest.filter((t) => flaggedApps.has(t.application_id)).length;

  const levels: Record<RiskLevel, number> = { high: 0, medium: 0, low: 0 };
  for (const c of clusters) levels[c.risk_level]++;
  return {
    applications: truth.length,
    ringApplications: ringApps.length,
    rings: ringSize.size,
    flaggedLevel,
    flaggedClusters: flagged.length,
    flaggedApplications: flaggedApps.size,
    application: {
      precision: flaggedApps.size ? ringAppsFlagged / flaggedApps.size : 0,
      recall: ringApps.length ? ringAppsFlagged / ringApps.length : 0,
    },
    pairwise: {
      precision,
      recall,
      f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0,
      truePairs,
      predictedPairs,
      correctPairs,
    },
    ringTypeRecall,
    honestFlagged: ratio(honestHit, honest.length),
    honestFlaggedByLookalike,
    levels,
  };
}
