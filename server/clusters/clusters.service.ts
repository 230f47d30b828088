/**
 * Clusters service
 * ================
 *
 * Serves the clusters of the latest finished run (or a named one): filtered pages in the contract's
 * document shape, and one cluster with its members, their identifiers, a subgraph to draw and the reasons.
 */
import type { ClustersRepository, ClusterFilters } from "./clusters.repository.js";
import type { RunsRepository } from "../runs/runs.repository.js";
import type { RiskLevel } from "../common/detection.js";
import { NotFoundError, ValidationError } from "../common/errors.js";
import { fromClusterProps } from "../runs/cluster-record.js";
import { parseRaw, typedValues } from "../normalise/typed-values.js";
import type { TriageState } from "../common/triage.js";
import { collectMembers, memberGraph } from "./member-graph.js";
import type { ClustersPage, ClusterDetail, ClusterSuccessors } from "../common/api/clusters.js";
import { DetailCache, type CachedDetail } from "./detail-cache.js";
import { applicationWriteGeneration } from "../ingest/ingest.repository.js";
import { runWriteGeneration } from "../runs/runs.repository.js";

export interface ClusterQuery {
  run?: string;
  level?: RiskLevel;
  pattern?: string;
  min_size?: number;
  new_since?: string;
  triage?: TriageState[];
  q?: string;
  from?: string;
  to?: string;
  limit: number;
  offset: number;
}

/** Beyond this many nodes the subgraph keeps only identifiers shared inside the cluster. */
export const MAX_GRAPH_NODES = 2000;

/** A date (`YYYY-MM-DD`) as the start of that day, or the start of the next day for an inclusive upper bound. */
function dayBound(value: string, upper: boolean): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return new Date(value).toISOString();
  const d = new Date(`${value}T00:00:00Z`);
  if (upper) d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString();
}

/**
 * Bounds of the cluster-detail cache: memory (JSON bytes × 2), how long an entry may serve, and how long
 * one stamp read (latest run, graph counts) serves every detail request (one query a second under load
 * instead of one per request).
 */
export const DETAIL_CACHE = { maxBytes: 64 * 1024 * 1024, maxAgeMs: 60_000, stampMaxAgeMs: 1000 };

type Stamp = { run_id: string | null; applications: number; uses: number };

export class ClustersService {
  /** Built details per (run, cluster); see detail-cache.ts for when an entry still holds. */
  readonly detailCache: DetailCache<ClusterDetail>;

  constructor(
    private readonly repo: ClustersRepository,
    private readonly runs: RunsRepository,
    private readonly cache: { maxBytes: number; maxAgeMs: number; stampMaxAgeMs: number } = DETAIL_CACHE,
  ) {
    this.detailCache = new DetailCache<ClusterDetail>(cache);
  }

  /** Stamp reads per requested run ('' = latest), each shared for `stampMaxAgeMs`. */
  private readonly stamps = new Map<string, { at: number; generation: string; stamp: Promise<Stamp> }>();

  /** The stamp for `runId`, read again when older than `stampMaxAgeMs` or after a write by this process. */
  private stamp(runId: string, generation: string): Promise<Stamp> {
    const now = Date.now();
    const known = this.stamps.get(runId);
    if (known && known.generation === generation && now - known.at < this.cache.stampMaxAgeMs) return known.stamp;
    const stamp = this.repo.detailStamp(runId || null);
    // Bounded: named runs are few (RUNS_TO_KEEP); a failed read is not kept.
    if (this.stamps.size > 64) this.stamps.clear();
    this.stamps.set(runId, { at: now, generation, stamp });
    stamp.catch(() => this.stamps.delete(runId));
    return stamp;
  }

  private async requireFinishedRun(id: string, what: "run" | "new_since"): Promise<void> {
    const run = await this.runs.byId(id);
    if (run?.status === "finished") return;
    const why = run ? `is ${run.status}, not finished` : "does not exist";
    if (what === "new_since") throw new ValidationError(`new_since: detection run "${id}" ${why}`);
    throw new NotFoundError(`detection run "${id}" ${why}`);
  }

  async list(q: ClusterQuery): Promise<ClustersPage> {
    if (q.run) await this.requireFinishedRun(q.run, "run");
    if (q.new_since) await this.requireFinishedRun(q.new_since, "new_since");
    const filters: ClusterFilters = {
      run_id: q.run ?? "",
      level: q.level ?? "",
      pattern: q.pattern ?? "",
      min_size: q.min_size ?? 0,
      new_since: q.new_since ?? "",
      triage: q.triage ?? [],
      q: q.q ? q.q.toLowerCase() : "",
      from: q.from ? dayBound(q.from, false) : "",
      to: q.to ? dayBound(q.to, true) : "",
      limit: q.limit,
      offset: q.offset,
    };
    if (filters.from && filters.to && filters.from >= filters.to) throw new ValidationError("from must be before to");
    const page = await this.repo.page(filters);
    if (!page) return { run_id: null, generated_at: null, clusters: [], total: 0, limit: q.limit, offset: q.offset };
    return {
      run_id: page.run_id,
      generated_at: page.generated_at,
      clusters: page.clusters.map(fromClusterProps),
      total: page.total,
      limit: q.limit,
      offset: q.offset,
    };
  }

  /** A cluster's members in the latest finished run (cheap: no members' details); null when it is not there. */
  async membership(id: string): Promise<{ run_id: string; generated_at: string; application_ids: string[] } | null> {
    const found = await this.repo.byId(id, null);
    if (!found) return null;
    return {
      run_id: found.run_id,
      generated_at: found.generated_at,
      application_ids: fromClusterProps(found.cluster).application_ids,
    };
  }

  async successors(id: string): Promise<ClusterSuccessors> {
    const r = await this.repo.successors(id);
    if (!r) throw new NotFoundError(`cluster "${id}" is in no retained detection run`);
    const held = r.clusters.reduce((n, c) => n + c.held, 0);
    return {
      cluster_id: id,
      last_seen_run_id: r.last_seen_run_id,
      last_seen_at: r.last_seen_at,
      run_id: r.run_id,
      current: r.last_seen_run_id === r.run_id,
      application_count: r.application_ids.length,
      clusters: r.clusters,
      unclustered: Math.max(0, r.application_ids.length - held),
    };
  }

  async get(id: string, runId?: string): Promise<ClusterDetail> {
    return (await this.cachedDetail(id, runId)).detail;
  }

  /** The detail as UTF-8 JSON, as the route sends it (built once per cache entry). */
  async getJson(id: string, runId?: string): Promise<Buffer> {
    return (await this.cachedDetail(id, runId)).json;
  }

  private async cachedDetail(id: string, runId?: string): Promise<CachedDetail<ClusterDetail>> {
    // The generation is read before the stamp and the detail: a write under way makes the entry stale.
    const generation = applicationWriteGeneration();
    const stamp = await this.stamp(runId ?? "", `${generation}/${runWriteGeneration()}`);
    // No such finished run: the uncached path names the reason (not finished, unknown, none yet).
    if (!stamp.run_id) {
      const detail = await this.build(id, runId ?? null, { check: true, named: Boolean(runId) });
      return { stamp: "", detail, json: Buffer.from(JSON.stringify(detail)) };
    }
    const key = `${stamp.applications}/${stamp.uses}/${generation}`;
    const hit = this.detailCache.get(stamp.run_id, id, key);
    if (hit) return hit;
    const detail = await this.build(id, stamp.run_id, { check: false, named: Boolean(runId) });
    const entry = { stamp: key, detail, json: Buffer.from(JSON.stringify(detail)) };
    this.detailCache.set(stamp.run_id, id, entry);
    return entry;
  }

  /** Reads and builds one detail; `check` makes sure a named run is finished, `named` words the not-found error. */
  private async build(
    id: string,
    runId: string | null,
    opts: { check: boolean; named: boolean },
  ): Promise<ClusterDetail> {
    if (runId && opts.check) await this.requireFinishedRun(runId, "run");
    // One round trip for the cluster and its members: under load, round trips are most of a detail's time.
    const found = await this.repo.detail(id, runId);
    if (!found) {
      const seen = await this.repo.lastSeen(id);
      const where = opts.named && runId ? `run ${runId}` : "the latest finished run";
      throw new NotFoundError(`cluster "${id}" is not in ${where}${seen ? ` (last seen in run ${seen.run_id})` : ""}`);
    }
    const cluster = fromClusterProps(found.cluster);
    const common = new Set<string>(cluster.common_infrastructure ?? []);
    for (const c of JSON.parse(found.common_infrastructure_json ?? "[]") as { ref: string }[]) common.add(c.ref);

    const rows = found.members;
    const { members, identifiers } = collectMembers(
      rows.map((row) => {
        const { raw_json: rawJson, ...application } = row.application;
        return {
          id: row.application.id,
          application,
          identifiers: row.identifiers,
          typed: typedValues(parseRaw(rawJson)),
        };
      }),
      { common },
    );
    const present = new Set(members.map((m) => m.id));
    return {
      run_id: found.run_id,
      generated_at: found.generated_at,
      cluster,
      members,
      missing_members: cluster.application_ids.filter((a) => !present.has(a)),
      identifiers,
      graph: memberGraph(members, identifiers, MAX_GRAPH_NODES),
      reasons: cluster.reasons,
    };
  }
}
