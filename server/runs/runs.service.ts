/**
 * Runs service
 * ============
 *
 * Starts detection runs (in the background for the API, in the foreground for the CLI), one at a time
 * across processes through the lock in Neo4j, and reads runs back with their diff.
 */
import type { Database } from "../db/database.js";
import type { RunRecord, RunsRepository } from "./runs.repository.js";
import { NotFoundError } from "../common/errors.js";
import type { Logger } from "../logger.js";
import { ActiveRun, type LockSettings } from "./active-run.js";
import type { DetectFn, ProgressFn } from "./detector.js";
import { executeRun, type RunDeps, type RunOptions, type RunResult } from "./runner.js";
import { WrittenClusters } from "./written-clusters.js";
import type { RunSummary, RunDetail } from "../common/api/runs.js";

export interface RunsServiceDeps {
  db: Database;
  repo: RunsRepository;
  detect: DetectFn;
  log: Logger;
  runsToKeep: number;
  lock?: Partial<LockSettings>;
  batchSize?: number;
  newClusterId?: () => string;
  prepare?: RunDeps["prepare"];
  annotate?: RunDeps["annotate"];
  finished?: RunDeps["finished"];
  state?: RunDeps["state"];
}

const parse = (v: unknown): any => (typeof v === "string" && v ? JSON.parse(v) : null);
const str = (v: unknown): string | null => (typeof v === "string" ? v : null);

function summary(r: RunRecord): RunSummary {
  return {
    id: r.id,
    status: r.status,
    trigger: str(r.trigger),
    started_at: str(r.started_at),
    finished_at: str(r.finished_at),
    error: str(r.error),
    previous_run_id: str(r.previous_run_id),
    counts: parse(r.counts_json),
    timings: parse(r.timings_json),
    diff_counts: parse(r.diff_counts_json),
    asn_database: parse(r.asn_database_json),
    progress: r.status === "running" ? parse(r.progress) : null,
  };
}

export class RunsService {
  private current: { active: ActiveRun; done: Promise<RunResult | null> } | null = null;

  private readonly deps: RunsServiceDeps & { written: WrittenClusters };

  constructor(deps: RunsServiceDeps) {
    this.deps = { ...deps, written: new WrittenClusters() };
  }

  /** Starts a run in the background; ConflictError (409, details.run_id) while another one holds the lock. */
  async start(trigger: string, options: RunOptions = {}): Promise<{ run_id: string; status: "running" }> {
    const active = await ActiveRun.begin(this.deps.repo, { trigger, lock: this.deps.lock });
    const done = executeRun(active, this.deps, undefined, options)
      .catch(() => null) // already logged and recorded on the run
      .finally(() => {
        if (this.current?.active === active) this.current = null;
      });
    this.current = { active, done };
    return { run_id: active.runId, status: "running" };
  }

  /** Runs detection now and waits for it (the CLI). */
  async runNow(trigger: string, onProgress?: ProgressFn, options: RunOptions = {}): Promise<RunResult> {
    const active = await ActiveRun.begin(this.deps.repo, { trigger, lock: this.deps.lock });
    const done = executeRun(active, this.deps, onProgress, options);
    this.current = { active, done: done.catch(() => null) };
    try {
      return await done;
    } finally {
      this.current = null;
    }
  }

  /** The run this process is executing, if any. */
  get running(): string | null {
    return this.current?.active.runId ?? null;
  }

  /** Resolves when this process's background run (if any) has ended. */
  async idle(): Promise<void> {
    await this.current?.done;
  }

  async list(
    limit: number,
    offset: number,
  ): Promise<{ runs: RunSummary[]; total: number; limit: number; offset: number }> {
    const r = await this.deps.repo.list(limit, offset);
    return { runs: r.runs.map(summary), total: r.total, limit, offset };
  }

  /**
   * One run with its diff. Without `personalData` (auditors) the identifiers judged common
   * infrastructure and the per-cluster diff entries are left out: only counts and parameters remain.
   */
  async get(id: string, opts: { personalData: boolean } = { personalData: true }): Promise<RunDetail> {
    const r = await this.deps.repo.byId(id);
    if (!r) throw new NotFoundError(`detection run "${id}" not found`);
    const diff = parse(r.diff_json) as RunDetail["diff"];
    if (!opts.personalData) {
      const counts = (diff as { counts?: unknown; previous_run_id?: unknown } | null) ?? null;
      return {
        ...summary(r),
        parameters: parse(r.parameters_json),
        diff: (counts ? { previous_run_id: counts.previous_run_id, counts: counts.counts } : null) as RunDetail["diff"],
        common_infrastructure: [],
      };
    }
    return {
      ...summary(r),
      parameters: parse(r.parameters_json),
      diff,
      common_infrastructure: parse(r.common_infrastructure_json) ?? [],
    };
  }

  /** Stops this process's run: marks it failed and frees the lock so the next run need not wait for it to go stale. */
  async shutdown(): Promise<void> {
    const current = this.current;
    if (!current) return;
    await current.active.fail("stopped: the server shut down").catch((err: unknown) => {
      this.deps.log.warn({ err }, "could not record the interrupted run");
    });
  }
}
