/**
 * Active run
 * ==========
 *
 * A detection run from the moment it holds the lock until it is finished or failed. It heartbeats the
 * lock (and records progress) on a timer; if a heartbeat finds the lock gone (taken over after this
 * process looked dead) the run stops writing and can never become finished.
 *
 * Lock rule (documented in README "Detection runs"): one `:DetectionLock {name: "detection"}` node.
 * Acquisition is one transaction: MERGE on the unique name, write-lock the node, then take it when it is
 * free or its `expires_at` (last heartbeat + ttl) has passed. The holder refreshes it every `heartbeatMs`;
 * a holder that crashed stops refreshing and its lock is taken over after `ttlMs`, its run marked failed.
 */
import { AppError, ConflictError } from "../common/errors.js";
import type { RunsRepository } from "./runs.repository.js";
import type { ClusterRow } from "./cluster-record.js";
import { newLockOwner, newRunId } from "./ids.js";

export interface LockSettings {
  name: string;
  /** A lock whose last heartbeat is older than this is stale and may be taken over. */
  ttlMs: number;
  heartbeatMs: number;
}

// Detection may keep the event loop busy for several seconds at a time (union-find, Louvain), delaying
// heartbeats; two minutes leaves a wide margin while still freeing a crashed holder's lock quickly.
export const DEFAULT_LOCK: LockSettings = { name: "detection", ttlMs: 120_000, heartbeatMs: 5_000 };

export interface Progress {
  phase: string;
  done: number;
  total?: number;
}

export class RunLostError extends AppError {
  constructor(message: string) {
    super(message, "run_lost", 409);
  }
}

export class ActiveRun {
  private timer: NodeJS.Timeout | null = null;
  private state: Progress = { phase: "starting", done: 0 };
  private ended: string | null = null;
  private finished = false;
  private failing: Promise<void> | null = null;

  private constructor(
    private readonly repo: RunsRepository,
    readonly runId: string,
    readonly owner: string,
    readonly lock: LockSettings,
    readonly tookOverRunId: string | null,
  ) {}

  /** Takes the lock and creates the running run; ConflictError (409) with the running run's id when taken. */
  static async begin(
    repo: RunsRepository,
    opts: { trigger: string; lock?: Partial<LockSettings>; owner?: string; runId?: string },
  ): Promise<ActiveRun> {
    const lock = { ...DEFAULT_LOCK, ...opts.lock };
    const owner = opts.owner ?? newLockOwner();
    const runId = opts.runId ?? newRunId();
    const r = await repo.acquire({ name: lock.name, owner, runId, ttlMs: lock.ttlMs, trigger: opts.trigger });
    if (!r.acquired)
      throw new ConflictError(`detection run ${r.run_id} is already in progress`, {
        run_id: r.run_id,
        owner: r.owner,
        heartbeat_at: r.heartbeat_at,
      });
    const run = new ActiveRun(repo, runId, owner, lock, r.previous_owner ? r.previous_run_id : null);
    run.timer = setInterval(() => void run.heartbeat().catch(() => undefined), lock.heartbeatMs);
    run.timer.unref();
    return run;
  }

  progress(phase: string, done: number, total?: number): void {
    this.state = total === undefined ? { phase, done } : { phase, done, total };
  }

  /** Refreshes the lock; on finding it lost, ends the run locally (nothing more will be written). */
  async heartbeat(): Promise<boolean> {
    if (this.ended) return false;
    const held = await this.repo.heartbeat(this.lock.name, this.owner, this.lock.ttlMs, JSON.stringify(this.state));
    if (!held) this.end("lost the detection lock (taken over as stale)");
    return held;
  }

  private assertActive(): void {
    if (this.ended) throw new RunLostError(`run ${this.runId} stopped: ${this.ended}`);
  }

  async writeClusters(rows: ClusterRow[]): Promise<number> {
    this.assertActive();
    return this.repo.writeClusters(this.runId, rows);
  }

  async linkClusters(rows: Parameters<RunsRepository["linkClusters"]>[1]): Promise<string[]> {
    this.assertActive();
    return this.repo.linkClusters(this.runId, rows);
  }

  /** Makes the run visible. Fails (RunLostError) if the lock is no longer ours. */
  async finish(props: Record<string, unknown>): Promise<string> {
    this.assertActive();
    const r = await this.repo.finish(this.lock.name, this.owner, this.runId, props);
    if (!r) {
      this.end("lost the detection lock before finishing");
      throw new RunLostError(`run ${this.runId} lost its lock before finishing`);
    }
    this.finished = true;
    this.stopTimer();
    return r.finished_at;
  }

  /** Frees the lock after a finished run. */
  async release(): Promise<void> {
    this.end("released");
    await this.repo.release(this.lock.name, this.owner);
  }

  /**
   * Marks the run failed, removes the clusters it wrote and frees the lock (if still ours). Idempotent;
   * does nothing once the run has finished (its clusters are then the visible result).
   */
  async fail(reason: string): Promise<void> {
    if (this.finished) return;
    this.end(reason);
    this.failing ??= (async () => {
      await this.repo.fail(this.runId, reason.slice(0, 2000));
      await this.repo.deleteClusters(this.runId);
      await this.repo.release(this.lock.name, this.owner);
    })();
    return this.failing;
  }

  private end(reason: string): void {
    this.ended ??= reason;
    this.stopTimer();
  }

  private stopTimer(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
