/**
 * Clusters repository
 * ===================
 *
 * Reads of detection results and of the graph around them: cluster pages and details of a finished run,
 * members with their identifiers, shortest chains between two applications (explain) and one node's
 * neighbours (expand). Every read resolves "the latest finished run" inside its own statement.
 */
import { withDetails, type DetailField } from "../db/application-details.js";
import type { Database } from "../db/database.js";
import { defineQueries } from "../db/queries.js";

defineQueries([
  "read/cluster-list",
  "read/cluster-by-id",
  "read/cluster-detail",
  "read/cluster-detail-stamp",
  "read/cluster-last-seen",
  "read/cluster-successors",
  "read/explain-applications",
  "read/explain-paths",
  "read/neighbour-application",
  "read/neighbour-identifier",
] as const);

/** Filters of a cluster page; "" (or 0) turns one off, keeping parameter types fixed for the plan cache. */
export interface ClusterFilters {
  run_id: string;
  level: string;
  pattern: string;
  min_size: number;
  new_since: string;
  /** Triage states to keep (see server/triage/types.ts); empty keeps all. */
  triage: string[];
  /** Lower-cased text. */
  q: string;
  /** ISO date-times; `to` exclusive. */
  from: string;
  to: string;
  limit: number;
  offset: number;
}

export interface ClusterPageRow {
  run_id: string;
  generated_at: string;
  total: number;
  clusters: Record<string, unknown>[];
}

/** What a cluster's detail shows of each member's packed fields (not its shipping address or non-routable IPs). */
const MEMBER_DETAILS = [
  "claimed_country",
  "claimed_location",
  "job_id",
  "source",
  "university",
  "degree",
  "major",
  "graduation_date",
  "indicators",
] as const satisfies readonly DetailField[];

/** What an expanded application node shows of them. */
const NEIGHBOUR_DETAILS = ["claimed_country", "job_id", "indicators"] as const satisfies readonly DetailField[];

export interface RawIdentifier {
  label: string;
  props: Record<string, unknown>;
  used_by: number;
}

export interface MemberRow {
  application: Record<string, unknown> & { id: string };
  identifiers: RawIdentifier[];
}

export type PathNode =
  | { label: "Application"; id: string; full_name: string | null; submitted_at: string | null }
  | { label: string; key: string; used_by: number };

export class ClustersRepository {
  constructor(private readonly db: Database) {}

  /** A filtered page of a finished run's clusters; null when there is no such finished run. */
  async page(f: ClusterFilters): Promise<ClusterPageRow | null> {
    const [r] = await this.db.read<ClusterPageRow>("read/cluster-list", { ...f });
    return r ?? null;
  }

  async byId(
    id: string,
    runId: string | null,
  ): Promise<{
    run_id: string;
    generated_at: string;
    common_infrastructure_json: string | null;
    cluster: Record<string, unknown>;
  } | null> {
    const [r] = await this.db.read<{
      run_id: string;
      generated_at: string;
      common_infrastructure_json: string | null;
      cluster: Record<string, unknown>;
    }>("read/cluster-by-id", { id, run_id: runId ?? "" });
    return r ?? null;
  }

  /** The cluster (as byId) and its members (as members) in one round trip; null when the run has no such cluster. */
  async detail(
    id: string,
    runId: string | null,
  ): Promise<{
    run_id: string;
    generated_at: string;
    common_infrastructure_json: string | null;
    cluster: Record<string, unknown>;
    members: MemberRow[];
  } | null> {
    const [r] = await this.db.read<{
      run_id: string;
      generated_at: string;
      common_infrastructure_json: string | null;
      cluster: Record<string, unknown>;
      members: MemberRow[];
    }>("read/cluster-detail", { id, run_id: runId ?? "" });
    if (!r) return null;
    return { ...r, members: r.members.map((m) => ({ ...m, application: withDetails(m.application, MEMBER_DETAILS) })) };
  }

  /** The finished run a detail would come from (null when there is none) and the graph's size, cheaply. */
  async detailStamp(runId: string | null): Promise<{ run_id: string | null; applications: number; uses: number }> {
    const [r] = await this.db.read<{ run_id: string | null; applications: number; uses: number }>(
      "read/cluster-detail-stamp",
      { run_id: runId ?? "" },
    );
    return r ?? { run_id: null, applications: 0, uses: 0 };
  }

  async lastSeen(id: string): Promise<{ run_id: string; finished_at: string } | null> {
    const [r] = await this.db.read<{ run_id: string; finished_at: string }>("read/cluster-last-seen", { id });
    return r ?? null;
  }

  /** A cluster's members when last seen, and the latest run's clusters holding any of them; null if never seen. */
  async successors(id: string): Promise<{
    last_seen_run_id: string;
    last_seen_at: string;
    run_id: string;
    application_ids: string[];
    clusters: { id: string; held: number; size: number; risk_level: string; risk_score: number; patterns: string[] }[];
  } | null> {
    const [r] = await this.db.read<NonNullable<Awaited<ReturnType<ClustersRepository["successors"]>>>>(
      "read/cluster-successors",
      { cluster_id: id },
    );
    return r ?? null;
  }

  async applications(ids: string[]): Promise<{ id: string; found: boolean; full_name: string | null }[]> {
    return this.db.read("read/explain-applications", { ids });
  }

  /** Shortest USES chains from a to b, avoiding identifiers above `maxDegree` uses or in `excluded` ("Label:key"). */
  async shortestPaths(p: {
    a: string;
    b: string;
    maxDegree: number | null;
    excluded: string[];
    limit: number;
  }): Promise<PathNode[][]> {
    const rows = await this.db.read<{ nodes: PathNode[] }>("read/explain-paths", {
      a: p.a,
      b: p.b,
      max_degree: p.maxDegree,
      excluded: p.excluded,
      limit: p.limit,
    });
    return rows.map((r) => r.nodes);
  }

  async applicationNeighbours(
    id: string,
    limit: number,
    offset: number,
  ): Promise<{ application: Record<string, unknown>; total: number; neighbours: RawIdentifier[] } | null> {
    const [r] = await this.db.read<{
      application: Record<string, unknown>;
      total: number;
      neighbours: RawIdentifier[];
    }>("read/neighbour-application", { id, limit, offset });
    return r ? { ...r, application: withDetails(r.application, NEIGHBOUR_DETAILS) } : null;
  }

  async identifierNeighbours(
    label: string,
    key: string,
    limit: number,
    offset: number,
  ): Promise<{
    label: string;
    identifier: Record<string, unknown>;
    total: number;
    neighbours: (Record<string, unknown> & { id: string })[];
  } | null> {
    const [r] = await this.db.read<{
      label: string;
      identifier: Record<string, unknown>;
      total: number;
      neighbours: (Record<string, unknown> & { id: string })[];
    }>("read/neighbour-identifier", { label, key, limit, offset });
    return r ? { ...r, neighbours: r.neighbours.map((a) => withDetails(a, NEIGHBOUR_DETAILS)) } : null;
  }
}
