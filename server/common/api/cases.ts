/**
 * Case types
 * ==========
 *
 * A case freezes what was referred: the member application ids and the cluster's score, level,
 * patterns and reasons as they were when it was opened; later detection runs do not rewrite them.
 */
import type { ClusterReason } from "../detection.js";
import type { GraphEdge, GraphNode, IdentifierInfo } from "../graph.js";

export const CASE_STATUSES = ["open", "escalated", "referred", "closed"] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export interface CaseSummary {
  id: string;
  title: string;
  status: CaseStatus;
  assignee: string | null;
  created_at: string;
  created_by: string;
  updated_at: string;
  /** "cluster" when opened from a detected cluster, "selection" when from nodes picked by hand. */
  source: "cluster" | "selection";
  run_id: string | null;
  cluster_id: string | null;
  risk_score: number | null;
  risk_level: string | null;
  patterns: string[];
  version: number;
  member_count: number;
}

export interface CaseEvent {
  seq: number;
  at: string;
  actor: string;
  actor_role: string;
  action: string;
  /** Field → { from, to } for updates; what was opened or exported for other events. */
  changes: Record<string, unknown>;
}

export interface CaseRecord extends CaseSummary {
  /** When the cluster was generated (its run's finish time), for the report. */
  cluster_generated_at: string | null;
  reasons: ClusterReason[];
  shared_identifiers: string[];
  common_infrastructure: string[];
  member_ids: string[];
  notes_md: string;
  pinned_applications: string[];
  pinned_identifiers: string[];
  history: CaseEvent[];
}

export interface CaseMember extends Record<string, unknown> {
  id: string;
  identifiers: string[];
}

export interface CaseIdentifier extends IdentifierInfo {
  /** Members of the case using it. */
  members: number;
  common_infrastructure: boolean;
  pinned: boolean;
}

export interface CaseGraph {
  nodes: GraphNode[];
  edges: GraphEdge[];
}

export interface CaseContents {
  members: CaseMember[];
  missing_members: string[];
  identifiers: CaseIdentifier[];
  graph: CaseGraph;
}

export interface CasePatch {
  /** The version the change was made against; a different current version is a conflict (409). */
  version?: number;
  title?: string;
  status?: CaseStatus;
  assignee?: string | null;
  notes?: string;
  pin_applications?: string[];
  unpin_applications?: string[];
  pin_identifiers?: string[];
  unpin_identifiers?: string[];
}

/**
 * The live cluster a case was opened from, against the case's frozen members: what the latest finished
 * run holds under the same stable id now. `present: false` when that run retired the id.
 */
export interface CaseLiveCluster {
  cluster_id: string;
  present: boolean;
  run_id: string | null;
  generated_at: string | null;
  /** In the live cluster, not in the case. */
  added: string[];
  /** In the case, no longer in the live cluster. */
  removed: string[];
}

export type CaseView = CaseRecord & CaseContents & { notes_html: string; live_cluster?: CaseLiveCluster };
