/**
 * Cluster records
 * ===============
 *
 * How a cluster is stored and read back: what it is on a `:Cluster` node, what a run says about it (rank,
 * change) on that run's `FOUND` relationship, so that a run finding a cluster exactly as the previous run
 * stored it links to the same node instead of writing it again. Lists stay lists, nested structures
 * (reasons, score breakdown) travel as JSON strings because Neo4j properties cannot hold maps.
 */
import { createHash } from "node:crypto";

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
  /** What the cluster is (the `:Cluster` node): the same in every run that finds it unchanged. */
  props: Record<string, unknown>;
  /** What one run says about it (the run's `FOUND` relationship): its place in the queue and its change. */
  found: FoundProps;
  first_submitted_at: string | null;
  last_submitted_at: string | null;
  /** Digest of everything stored on the node: a run links to the previous run's node when it is equal. */
  content_hash: string;
}

/** Per-run fields of a cluster, kept on `(:DetectionRun)-[:FOUND]->(:Cluster)`. */
export interface FoundProps {
  rank: number;
  change: ClusterChange | null;
  previous_ids: string[];
  added: number;
  removed: number;
}

export function foundProps(cluster: ContractCluster, rank: number, diff?: ClusterDiffEntry): FoundProps {
  return {
    rank,
    change: diff?.change ?? cluster.change ?? null,
    previous_ids: diff?.previous_ids ?? [],
    added: diff?.added ?? 0,
    removed: diff?.removed ?? 0,
  };
}

/**
 * A row of run-clusters-link: [node uid, content hash, rank, FOUND props], the props null when they are
 * those of an unchanged cluster (change "unchanged", previous_ids [its id], nothing added or removed),
 * which the statement then writes itself: most clusters of an incremental run are such, and 13,000 rows
 * of three values pack and travel in a third of the time of 13,000 maps.
 */
export type LinkRow = [uid: string, contentHash: string, rank: number, found: FoundProps | null];

export function linkRow(uid: string, contentHash: string, id: string, found: FoundProps): LinkRow {
  const unchanged =
    found.change === "unchanged" &&
    found.added === 0 &&
    found.removed === 0 &&
    found.previous_ids.length === 1 &&
    found.previous_ids[0] === id;
  return [uid, contentHash, found.rank, unchanged ? null : found];
}

/** Part of the content hash: bumped when what a node holds changes meaning, so no older node is linked. */
const FORMAT = 2;

/**
 * What detection found for a cluster, as JSON, and the last digest made with it, per detected-cluster
 * object: an incremental run reuses the objects of the components it did not recompute, so their JSON is
 * built once per process and their digest again only when the id or the annotations differ.
 */
const detectedJson = new WeakMap<object, { json: string; head?: string; hash?: string }>();

/**
 * Digest of everything a cluster's node holds: its id, what detection found and the annotations. Every
 * node property is a function of these (toClusterRow), so equal digests mean equal nodes. `detected` is
 * the detection's own object the contract cluster was spread from (its JSON is cached on it).
 */
export function contentHash(cluster: ContractCluster, detected: object = cluster): string {
  let found = detectedJson.get(detected);
  if (found === undefined) {
    found = {
      json: JSON.stringify([
        cluster.application_ids,
        cluster.risk_score,
        cluster.risk_level,
        cluster.patterns,
        cluster.reasons,
        cluster.size ?? null,
        cluster.identities ?? null,
        cluster.score_breakdown ?? null,
        cluster.shared_identifiers ?? null,
        cluster.common_infrastructure ?? null,
        cluster.peripheral_application_ids ?? null,
        cluster.first_submitted_at ?? null,
        cluster.last_submitted_at ?? null,
      ]),
    };
    if (detected !== cluster) detectedJson.set(detected, found);
  }
  const annotations = [cluster.touches_confirmed_ring, cluster.watchlist_hits, cluster.blocked_at_intake];
  const head = `${FORMAT}\u0000${cluster.id}\u0000${JSON.stringify(annotations)}\u0000`;
  if (found.head === head) return found.hash!;
  found.head = head;
  found.hash = createHash("sha1").update(head).update(found.json).digest("base64");
  return found.hash;
}

export function toClusterRow(
  cluster: ContractCluster,
  rank: number,
  diff?: ClusterDiffEntry,
  hash = contentHash(cluster),
): ClusterRow {
  const props: Record<string, unknown> = {
    id: cluster.id,
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
    touches_confirmed_ring: cluster.touches_confirmed_ring ?? null,
    watchlist_hits: cluster.watchlist_hits ?? null,
    blocked_at_intake: cluster.blocked_at_intake ?? null,
  };
  for (const k of Object.keys(props)) if (props[k] === null || props[k] === undefined) delete props[k];
  const first = cluster.first_submitted_at ?? null;
  const last = cluster.last_submitted_at ?? null;
  return {
    props,
    found: foundProps(cluster, rank, diff),
    first_submitted_at: first,
    last_submitted_at: last,
    content_hash: hash,
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
