/**
 * Cluster records
 * ===============
 *
 * How a cluster is stored on a `:Cluster` node and read back: lists stay lists, nested structures
 * (reasons, score breakdown) travel as JSON strings because Neo4j properties cannot hold maps.
 */
import type {
  ClusterChange,
  ClusterReason,
  ContractCluster,
  Pattern,
  RiskLevel,
  ScoreComponent,
} from "../common/detection.js";
import type { TriageState } from "../common/triage.js";
import type { ClusterDiffEntry } from "./diff.js";
import type { StoredCluster } from "../common/api/clusters.js";

export interface ClusterRow {
  props: Record<string, unknown>;
  first_submitted_at: string | null;
  last_submitted_at: string | null;
}

export function toClusterRow(cluster: ContractCluster, rank: number, diff?: ClusterDiffEntry): ClusterRow {
  const props: Record<string, unknown> = {
    id: cluster.id,
    rank,
    application_ids: cluster.application_ids,
    risk_score: cluster.risk_score,
    risk_level: cluster.risk_level,
    patterns: cluster.patterns,
    reasons_json: JSON.stringify(cluster.reasons),
    size: cluster.size ?? cluster.application_ids.length,
    identities: cluster.identities ?? null,
    score_breakdown_json: cluster.score_breakdown ? JSON.stringify(cluster.score_breakdown) : null,
    shared_identifiers: cluster.shared_identifiers ?? [],
    common_infrastructure: cluster.common_infrastructure ?? [],
    peripheral_application_ids: cluster.peripheral_application_ids?.length ? cluster.peripheral_application_ids : null,
    change: diff?.change ?? cluster.change ?? null,
    touches_confirmed_ring: cluster.touches_confirmed_ring ?? null,
    watchlist_hits: cluster.watchlist_hits ?? null,
    blocked_at_intake: cluster.blocked_at_intake ?? null,
    previous_ids: diff?.previous_ids ?? [],
    added: diff?.added ?? 0,
    removed: diff?.removed ?? 0,
  };
  for (const k of Object.keys(props)) if (props[k] === null || props[k] === undefined) delete props[k];
  return {
    props,
    first_submitted_at: cluster.first_submitted_at ?? null,
    last_submitted_at: cluster.last_submitted_at ?? null,
  };
}

const list = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : []);
const json = <T>(v: unknown, fallback: T): T => (typeof v === "string" ? (JSON.parse(v) as T) : fallback);

/** Reads a `:Cluster` node's properties back into the API shape (contract fields first). */
export function fromClusterProps(p: Record<string, unknown>): StoredCluster {
  const out: StoredCluster = {
    id: String(p.id),
    application_ids: list(p.application_ids),
    risk_score: Number(p.risk_score),
    risk_level: p.risk_level as RiskLevel,
    patterns: list(p.patterns) as Pattern[],
    reasons: json<ClusterReason[]>(p.reasons_json, []),
    size: Number(p.size ?? list(p.application_ids).length),
    shared_identifiers: list(p.shared_identifiers),
    common_infrastructure: list(p.common_infrastructure),
    previous_ids: list(p.previous_ids),
    added: Number(p.added ?? 0),
    removed: Number(p.removed ?? 0),
  };
  if (typeof p.identities === "number") out.identities = p.identities;
  if (typeof p.first_submitted_at === "string") out.first_submitted_at = p.first_submitted_at;
  if (typeof p.last_submitted_at === "string") out.last_submitted_at = p.last_submitted_at;
  if (typeof p.score_breakdown_json === "string")
    out.score_breakdown = json<ScoreComponent[]>(p.score_breakdown_json, []);
  if (typeof p.change === "string") out.change = p.change as ClusterChange;
  if (typeof p.triage_state === "string") out.triage_state = p.triage_state as TriageState;
  if (Array.isArray(p.case_ids)) out.case_ids = list(p.case_ids);
  if (Array.isArray(p.peripheral_application_ids)) out.peripheral_application_ids = list(p.peripheral_application_ids);
  if (p.touches_confirmed_ring === true) out.touches_confirmed_ring = true;
  if (Array.isArray(p.watchlist_hits)) out.watchlist_hits = list(p.watchlist_hits);
  if (Array.isArray(p.blocked_at_intake)) out.blocked_at_intake = list(p.blocked_at_intake);
  return out;
}
