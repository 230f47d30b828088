/**
 * Hand-built detection outputs for the runs tests: clusters with known members, scores and reasons, so
 * persistence, stable ids and diffs can be checked without depending on the detection algorithms.
 */
import type { Database } from "../../../server/db/database.js";
import type { DetectedCluster, Pattern, RiskLevel } from "../../../server/common/detection.js";
import type { DetectionOutput } from "../../../server/detect/types.js";
import type { DetectFn } from "../../../server/runs/detector.js";

export function cluster(
  application_ids: string[],
  risk_score: number,
  extra: Partial<DetectedCluster> & { pattern?: Pattern } = {},
): DetectedCluster {
  const risk_level: RiskLevel = risk_score >= 70 ? "high" : risk_score >= 40 ? "medium" : "low";
  const { pattern = "shared_infrastructure", ...rest } = extra;
  return {
    application_ids,
    risk_score,
    risk_level,
    patterns: [pattern],
    reasons: [
      {
        code: pattern,
        text: `${application_ids.join(", ")} share infrastructure.`,
        identifiers: application_ids.map((a) => `application:${a}`),
      },
    ],
    size: application_ids.length,
    identities: application_ids.length,
    score_breakdown: [{ code: pattern, points: risk_score }],
    shared_identifiers: [],
    common_infrastructure: [],
    ...rest,
  };
}

export function output(
  clusters: DetectedCluster[],
  common: DetectionOutput["commonInfrastructure"] = [],
): DetectionOutput {
  return {
    clusters: [...clusters].sort((a, b) => b.risk_score - a.risk_score),
    commonInfrastructure: common,
    stats: {
      applications: clusters.reduce((n, c) => n + c.application_ids.length, 0),
      identifiers: 0,
      links: 0,
      identities: 0,
      components: clusters.length,
      clusters: clusters.length,
      timings: { load: 0.01, score: 0.01 },
    },
    parameters: { fixture: true },
    asnDatabase: { package: "@ip-location-db/asn", version: "fixture" },
  };
}

/** A detect function returning a fixed output (after `gate`, when given, resolves). */
export function fixedDetect(out: DetectionOutput, gate?: Promise<unknown>): DetectFn {
  return async (_db: Database, opts) => {
    opts?.onProgress?.("load", 0);
    if (gate) await gate;
    opts?.onProgress?.("score", 1, 1);
    return out;
  };
}

/** Contract records for ingest: `n` applications `${prefix}-1..n`, each with its own email plus `extra` fields. */
export function records(prefix: string, n: number, extra: (i: number) => Record<string, unknown> = () => ({})) {
  return Array.from({ length: n }, (_, k) => {
    const i = k + 1;
    return {
      application_id: `${prefix}-${i}`,
      submitted_at: new Date(Date.UTC(2026, 0, i, 12)).toISOString(),
      full_name: `Person ${prefix}${i}`,
      email: `${prefix.toLowerCase()}${i}@example.com`,
      claimed_country: "US",
      job_id: `J-${i % 3}`,
      ...extra(i),
    };
  });
}
