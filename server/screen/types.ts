/**
 * Screening types
 * ===============
 *
 * The answer of `POST /api/screen` (the contract's "Screen" section first, then optional additions) and
 * the decision rule's settings.
 */
import type { ClusterReason, Pattern, RiskLevel, ScoreComponent } from "../common/detection.js";
import type { WatchlistHit } from "../common/api/watchlist.js";

export const DECISIONS = ["block", "review", "clear"] as const;
export type Decision = (typeof DECISIONS)[number];

export interface LinkedCluster {
  id: string;
  risk_level: RiskLevel;
  risk_score: number;
  patterns: Pattern[];
  /** The candidate's identifiers (`kind:key`) shared with the cluster's applications. */
  via: string[];
  /** Optional additions: */
  size?: number;
  /** Applications of the cluster the candidate links to directly. */
  linked_applications?: number;
}

export interface ScreenResult {
  application_id: string;
  decision: Decision;
  risk_score: number;
  reasons: ClusterReason[];
  linked_clusters: LinkedCluster[];
  watchlist_hits: WatchlistHit[];
  run_id: string | null;
  /** Optional additions: */
  risk_level: RiskLevel;
  score_breakdown: ScoreComponent[];
  /** Applications it links to through identifiers that are not common infrastructure. */
  linked_applications: number;
  /** Distinct applicants (identities) among them. */
  linked_identities: number;
  /** Its own indicators (ingest's, plus hosting_ip and the education ones). */
  indicators: string[];
  /** True when `?record=true` ingested it. */
  recorded: boolean;
  /** Milliseconds spent answering, graph reads included. */
  took_ms: number;
  /** Where they went: latest_run, lookup and watchlist (Neo4j reads, the latter two in parallel), reads, score, record. */
  timings_ms: Record<string, number>;
}

/** The decision rule (server/config.ts: SCREEN_BLOCK_AT, SCREEN_REVIEW_AT, SCREEN_WATCHLIST_DECISION). */
export interface ScreenThresholds {
  /** block when risk_score ≥ this. */
  blockAt: number;
  /** review when risk_score ≥ this (and below blockAt). */
  reviewAt: number;
  /** What a watchlist hit forces at least. */
  watchlistDecision: "block" | "review";
}

export const DEFAULT_SCREEN_THRESHOLDS: Readonly<ScreenThresholds> = Object.freeze({
  blockAt: 70,
  reviewAt: 40,
  watchlistDecision: "block",
});
