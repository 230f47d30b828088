/**
 * API shapes: explore
 * ===================
 *
 * Search over everything and the application and identifier pages (`/api/search`, `/api/explore`). Plain
 * types, shared by server and client.
 */
import type { GraphEdge, GraphNode } from "../graph.js";
import type { IdentifierKind } from "../identifiers.js";
import type { ApplicationSummary, SearchResult } from "./applications.js";

export interface MembershipRow {
  run_id: string;
  finished_at: string;
  cluster_id: string;
  risk_score: number;
  risk_level: string;
  patterns: string[];
  size: number | null;
  change: string | null;
}

export interface CaseRef {
  id: string;
  title: string;
  status: string;
  assignee: string | null;
  updated_at: string;
  cluster_id: string | null;
  run_id: string | null;
}

/** A cluster found by its id. */
export interface ClusterHit {
  id: string;
  /** The run it is in: the latest finished one, or, when it is not there, the last run that had it. */
  run_id: string;
  in_latest_run: boolean;
  risk_score: number | null;
  risk_level: string | null;
  patterns: string[];
  size: number | null;
}

export interface CaseHit {
  id: string;
  title: string;
  status: string;
  cluster_id: string | null;
  member_count: number;
}

/** `GET /api/search`: the application service's answer plus clusters and cases (fields added only). */
export interface FullSearchResult extends SearchResult {
  clusters: ClusterHit[];
  cases: CaseHit[];
}

export interface CommonVerdict {
  /** Judged common infrastructure by the latest finished run (links nobody). */
  common: boolean;
  run_id: string | null;
  /** Why, in the run's words, when common; else why it still links. */
  reason: string;
  identities: number | null;
  applications: number | null;
}

export interface NeighbourhoodGraph {
  nodes: GraphNode[];
  edges: GraphEdge[];
  truncated: boolean;
}

export interface ApplicationContext {
  id: string;
  run_id: string | null;
  /** Its cluster in the latest finished run, or null (not in any cluster, or no run yet). */
  cluster: { id: string; risk_score: number; risk_level: string; patterns: string[]; size: number | null } | null;
  /** Every retained finished run that placed it in a cluster, newest first. */
  history: MembershipRow[];
  cases: CaseRef[];
  /** Other applications of the same person (shared personal identifier and the same folded name). */
  same_identity: (ApplicationSummary & { via: string[] })[];
  /** Identifier refs the latest run judged common infrastructure. */
  common_infrastructure: string[];
  graph: NeighbourhoodGraph;
}

export interface IdentifierContext {
  kind: IdentifierKind;
  key: string;
  props: Record<string, unknown>;
  total: number;
  /** The applications using it, oldest first (at most `limit`), with their cluster in the latest run. */
  applications: (ApplicationSummary & { cluster_id: string | null; cluster_risk_level: string | null })[];
  common_infrastructure: CommonVerdict;
  /** Clusters of the latest run holding applications that use it, with how many each. */
  clusters: { id: string; risk_level: string | null; applications: number }[];
  graph: NeighbourhoodGraph;
}
