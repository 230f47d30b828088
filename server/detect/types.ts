/**
 * Detection output
 * ================
 *
 * What one pass returns inside the server (the clusters and their reasons are in server/common/
 * detection.ts, shared with the client).
 */
import type { CommonInfrastructure, DetectedCluster } from "../common/detection.js";

/** What one detection pass returns; the runs layer persists it as a DetectionRun. */
export interface DetectionOutput {
  /** In queue order: descending risk_score, ties broken as server/detect/rank.ts documents. */
  clusters: DetectedCluster[];
  commonInfrastructure: CommonInfrastructure[];
  stats: {
    applications: number;
    identifiers: number;
    links: number;
    identities: number;
    components: number;
    clusters: number;
    /** Components of two or more identities analysed in this pass, and those taken from the previous pass's memo. */
    components_recomputed?: number;
    components_reused?: number;
    /**
     * An incremental run: the run it started from, from when it re-read applications, how many were
     * ingested since, re-read in all (those and the users of identifiers they made shared) and the
     * identifiers they use that two or more applications share.
     */
    incremental?: { from_run: string; since: string; ingested: number; reread: number; identifiers: number };
    /** Seconds per phase, e.g. { load: 3.2, identities: 0.4, components: 0.2, louvain: 0.8, score: 0.3 }. */
    timings: Record<string, number>;
  };
  /** Parameters in force (thresholds, weights), recorded on the run. */
  parameters: Record<string, unknown>;
  /** The offline IP-to-ASN database used, with its version. */
  asnDatabase: { package: string; version: string };
  /** With `remember`: what the next incremental pass may reuse (server/detect/detect.ts, DetectionMemo). */
  memo?: import("./detect.js").DetectionMemo;
}
