/**
 * API shapes: clusters
 * ====================
 *
 * Cluster pages, one cluster's detail, "why linked" and a node's neighbours as the API sends them. Plain
 * types, shared by server and client.
 */
import type { ContractCluster } from "../detection.js";
import type { GraphEdge, GraphNode, IdentifierInfo } from "../graph.js";
import type { TriageState } from "../triage.js";

export interface ExplainPath {
  /** Shared identifiers on the chain. */
  length: number;
  text: string;
  nodes: GraphNode[];
}

export interface Explanation {
  a: string;
  b: string;
  linked: boolean;
  /** The words for the first path, or why there is none. */
  text: string;
  paths: ExplainPath[];
  include_common: boolean;
  max_degree: number | null;
  /** Identifiers not walked through because the latest run judged them common infrastructure. */
  excluded_common_infrastructure: number;
}

export interface Neighbourhood {
  node: GraphNode;
  neighbours: GraphNode[];
  edges: GraphEdge[];
  total: number;
  limit: number;
  offset: number;
  /** Neighbours not in this page and not before it: total - offset - neighbours.length (never negative). */
  more: number;
}

/** A cluster as the API serves it: the contract's fields, the optional extras and the diff details. */
export interface StoredCluster extends ContractCluster {
  /** Previous-run clusters this one was compared with (see server/runs/diff.ts). */
  previous_ids: string[];
  added: number;
  removed: number;
  /** In cluster pages: what triage shows for it (server/triage/types.ts) and the cases not closed on it. */
  triage_state?: TriageState;
  case_ids?: string[];
}

export interface MemberIdentifier extends IdentifierInfo {
  /** Members of the group using it. */
  members: number;
  common_infrastructure: boolean;
  /** Case views: an investigator pinned it. */
  pinned?: boolean;
  /** The value as a member typed it (the first one found), for labels; `key` is the normal form. */
  display?: string;
}

export interface ClustersPage {
  run_id: string | null;
  generated_at: string | null;
  clusters: StoredCluster[];
  total: number;
  limit: number;
  offset: number;
}

/** An identifier of the cluster: how many members use it, flagged infrastructure, the value as typed. */
export type ClusterIdentifier = Omit<MemberIdentifier, "pinned">;

export interface ClusterDetail {
  run_id: string;
  generated_at: string;
  cluster: StoredCluster;
  members: (Record<string, unknown> & { id: string; identifiers: string[] })[];
  /** Members listed by the run that are no longer in the graph (deleted or re-keyed since). */
  missing_members: string[];
  identifiers: ClusterIdentifier[];
  graph: { nodes: GraphNode[]; edges: GraphEdge[]; truncated: boolean };
  reasons: StoredCluster["reasons"];
}

/** Where a cluster's applications are in the latest finished run (for a cluster a later run retired). */
export interface ClusterSuccessors {
  cluster_id: string;
  /** The last finished run that held the cluster, and the latest finished run. */
  last_seen_run_id: string;
  last_seen_at: string;
  run_id: string;
  /** Whether the latest run still holds a cluster with this id. */
  current: boolean;
  application_count: number;
  /** Latest-run clusters holding its applications, most first; `held` counts them. */
  clusters: { id: string; held: number; size: number; risk_level: string; risk_score: number; patterns: string[] }[];
  /** Its applications in no cluster of the latest run. */
  unclustered: number;
}
