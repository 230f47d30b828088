/**
 * Runs repository
 * ===============
 *
 * Detection runs in Neo4j: the lock (one run at a time, surviving a crash of its holder), the run node's
 * life cycle (running → finished | failed), cluster batches, retention and run reads.
 */
import type { ClusterRow, LinkRow } from "./cluster-record.js";
import type { MembershipCluster } from "./stable-ids.js";
import type { Database } from "../db/database.js";
import { defineQueries } from "../db/queries.js";

defineQueries([
  "write/run-lock-acquire",
  "write/run-lock-heartbeat",
  "write/run-lock-release",
  "write/run-create",
  "write/run-clusters-create",
  "write/run-clusters-link",
  "write/run-finish",
  "write/run-fail",
  "write/run-delete-clusters-batch",
  "write/run-delete",
  "read/run-latest-finished",
  "read/run-cluster-memberships",
  "read/run-list",
  "read/run-by-id",
  "read/run-lock-status",
  "read/run-retention-candidates",
  "read/run-cluster-count",
] as const);

export interface LockAttempt {
  acquired: boolean;
  /** The holder after the attempt (us when acquired). */
  owner: string;
  run_id: string;
  heartbeat_at: string;
  /** Set when we took over a stale lock: the crashed holder and its run. */
  previous_owner: string | null;
  previous_run_id: string | null;
  previous_heartbeat_at: string | null;
}

export interface LockStatus {
  owner: string | null;
  run_id: string | null;
  heartbeat_at: string | null;
  expires_at: string | null;
  live: boolean;
}

/** A cluster of a finished run as the next run compares with it: members, and the node it may link to. */
export interface PreviousCluster extends MembershipCluster {
  uid: string | null;
  content_hash: string | null;
}

/** A DetectionRun node as stored (JSON-valued properties end in `_json`). */
export type RunRecord = Record<string, unknown> & { id: string; status: "running" | "finished" | "failed" };

/** Runs finished or deleted by this process, so readers caching "the latest finished run" see it at once. */
let runWrites = 0;

export function runWriteGeneration(): number {
  return runWrites;
}

export class RunsRepository {
  constructor(private readonly db: Database) {}

  /**
   * Takes the lock and, in the same transaction, creates the running run (and marks a crashed holder's
   * run failed), so a run exists exactly when its lock is held.
   */
  async acquire(p: {
    name: string;
    owner: string;
    runId: string;
    ttlMs: number;
    trigger: string;
  }): Promise<LockAttempt> {
    return this.db.writeTx(async (tx) => {
      const [r] = await tx.run<LockAttempt>("write/run-lock-acquire", {
        name: p.name,
        owner: p.owner,
        run_id: p.runId,
        ttl_ms: p.ttlMs,
      });
      if (!r) throw new Error("runs: lock acquisition returned nothing");
      if (!r.acquired) return r;
      if (r.previous_run_id && r.previous_owner && r.previous_owner !== p.owner)
        await tx.run("write/run-fail", {
          run_id: r.previous_run_id,
          error: `abandoned: its process (${r.previous_owner}) stopped heartbeating after ${r.previous_heartbeat_at}`,
        });
      await tx.run("write/run-create", { id: p.runId, trigger: p.trigger, owner: p.owner });
      return r;
    });
  }

  /** Refreshes the lock and records progress; false when the lock is no longer ours. */
  async heartbeat(name: string, owner: string, ttlMs: number, progress: string): Promise<boolean> {
    const [r] = await this.db.write<{ held: number }>("write/run-lock-heartbeat", {
      name,
      owner,
      ttl_ms: ttlMs,
      progress,
    });
    return (r?.held ?? 0) > 0;
  }

  async release(name: string, owner: string): Promise<boolean> {
    const [r] = await this.db.write<{ released: number }>("write/run-lock-release", { name, owner });
    return (r?.released ?? 0) > 0;
  }

  async lockStatus(name: string): Promise<LockStatus | null> {
    const [r] = await this.db.read<LockStatus>("read/run-lock-status", { name });
    return r ?? null;
  }

  /** Writes one batch of clusters of a running run (one transaction). */
  async writeClusters(runId: string, rows: ClusterRow[]): Promise<number> {
    const [r] = await this.db.write<{ written: number }>("write/run-clusters-create", { run_id: runId, rows });
    return r?.written ?? 0;
  }

  /**
   * Links a running run to clusters stored by an earlier run (cluster-record.ts's `LinkRow`s: only where
   * the node's hash is still that one); returns the uids linked.
   */
  async linkClusters(runId: string, rows: LinkRow[]): Promise<string[]> {
    const [r] = await this.db.write<{ linked: string[] }>("write/run-clusters-link", { run_id: runId, rows });
    return r?.linked ?? [];
  }

  /** Finishes the run if `owner` still holds the lock for it; null when it does not. */
  async finish(
    name: string,
    owner: string,
    runId: string,
    props: Record<string, unknown>,
  ): Promise<{ finished_at: string } | null> {
    runWrites++;
    try {
      const [r] = await this.db.write<{ finished_at: string }>("write/run-finish", {
        name,
        owner,
        run_id: runId,
        props,
      });
      return r ?? null;
    } finally {
      runWrites++;
    }
  }

  async fail(runId: string, error: string): Promise<boolean> {
    return (await this.db.write("write/run-fail", { run_id: runId, error })).length > 0;
  }

  /**
   * Unlinks a run's clusters and deletes those no other run holds, a slice per transaction, then the
   * clusters it created that no run holds; returns how many it touched.
   */
  async deleteClusters(runId: string, batch = 5000): Promise<number> {
    let total = 0;
    for (;;) {
      const [r] = await this.db.write<{ deleted: number }>("write/run-delete-clusters-batch", {
        run_id: runId,
        limit: batch,
      });
      total += r?.deleted ?? 0;
      if (!r?.deleted) return total;
    }
  }

  /** Deletes a (non-running) run with its clusters. */
  async deleteRun(runId: string, batch = 5000): Promise<number> {
    runWrites++;
    try {
      const clusters = await this.deleteClusters(runId, batch);
      await this.db.write("write/run-delete", { run_id: runId });
      return clusters;
    } finally {
      runWrites++;
    }
  }

  /** Runs older than the newest `keep` finished ones (failed runs included). */
  async retentionCandidates(keep: number): Promise<string[]> {
    return (await this.db.read<{ id: string }>("read/run-retention-candidates", { keep })).map((r) => r.id);
  }

  async latestFinished(): Promise<{
    id: string;
    finished_at: string;
    common_infrastructure_json: string | null;
  } | null> {
    const [r] = await this.db.read<{ id: string; finished_at: string; common_infrastructure_json: string | null }>(
      "read/run-latest-finished",
    );
    return r ?? null;
  }

  async memberships(runId: string): Promise<PreviousCluster[]> {
    return this.db.read<PreviousCluster>("read/run-cluster-memberships", { run_id: runId });
  }

  async list(limit: number, offset: number): Promise<{ total: number; runs: RunRecord[] }> {
    const [r] = await this.db.read<{ total: number; runs: RunRecord[] }>("read/run-list", { limit, offset });
    return r ?? { total: 0, runs: [] };
  }

  /** Clusters a run holds, whatever its state, and those it created that no run holds any more. */
  async clusterCount(runId: string): Promise<number> {
    const [r] = await this.db.read<{ clusters: number }>("read/run-cluster-count", { run_id: runId });
    return r?.clusters ?? 0;
  }

  async byId(id: string): Promise<RunRecord | null> {
    const [r] = await this.db.read<{ run: RunRecord }>("read/run-by-id", { id });
    return r?.run ?? null;
  }
}
