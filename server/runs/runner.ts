/**
 * Run execution
 * =============
 *
 * One detection run, start to finish, for a run that already holds the lock: detect, give clusters
 * stable ids, compare with the previous finished run, write the clusters in batches while the run is
 * still "running" (invisible), then finish it in one statement, apply retention and free the lock.
 * Any failure marks the run failed and removes what it wrote; readers keep seeing the previous run.
 */
import type { Database } from "../db/database.js";
import type { RunsRepository } from "./runs.repository.js";
import { rankClusters } from "../detect/rank.js";
import type { ClustersDocument, ContractCluster, DetectedCluster } from "../common/detection.js";
import type { DetectionOutput } from "../detect/types.js";
import type { Logger } from "../logger.js";
import type { ActiveRun } from "./active-run.js";
import { toClusterRow } from "./cluster-record.js";
import type { DetectFn, ProgressFn, RunDetectOptions } from "./detector.js";
import { diffRuns, type RunDiff } from "./diff.js";
import { newClusterId } from "./ids.js";
import { assignStableIds } from "./stable-ids.js";
import type { DetectionStateStore } from "./detection-state.js";

export interface RunDeps {
  db: Database;
  repo: RunsRepository;
  detect: DetectFn;
  log: Logger;
  /** Finished runs kept (config.detect.runsToKeep). */
  runsToKeep: number;
  /** Clusters per write transaction. */
  batchSize?: number;
  newClusterId?: () => string;
  /** Detection options for this run (the verdict adjustment of server/rules/adjust.ts), read before it. */
  prepare?: () => Promise<RunDetectOptions>;
  /** Adds optional fields to the clusters before they are written (server/watchlist/annotate.ts). */
  annotate?: (clusters: ContractCluster[]) => Promise<void>;
  /** Told when a run has finished (screening's cache of the latest run id, server/screen/latest-run.ts). */
  finished?: (runId: string) => void;
  /** Where a run keeps its input and memo for the next incremental run (none: every run is full). */
  state?: DetectionStateStore;
}

export interface RunOptions {
  /** Start from the previous run's state and recompute only what the applications ingested since touched. */
  incremental?: boolean;
}

export interface RunResult {
  document: ClustersDocument;
  diff: RunDiff;
  stats: DetectionOutput["stats"];
  timings: Record<string, number>;
  deletedRuns: string[];
}

const LEVELS = ["high", "medium", "low"] as const;

/** Queue order: descending risk, ties broken by server/detect/rank.ts's documented keys. */
const byRisk = (clusters: readonly DetectedCluster[]): DetectedCluster[] => rankClusters(clusters);

const seconds = (t0: number) => Number(((performance.now() - t0) / 1000).toFixed(3));

export async function executeRun(
  active: ActiveRun,
  deps: RunDeps,
  onProgress?: ProgressFn,
  runOptions: RunOptions = {},
): Promise<RunResult> {
  const t0 = performance.now();
  const report: ProgressFn = (phase, done, total) => {
    active.progress(phase, done, total);
    onProgress?.(phase, done, total);
  };
  try {
    const previous = await deps.repo.latestFinished();
    const previousClusters = previous ? await deps.repo.memberships(previous.id) : [];
    const tDetect = performance.now();
    const options = (await deps.prepare?.()) ?? {};
    const state = deps.state
      ? {
          store: deps.state,
          runId: active.runId,
          previousRunId: previous?.id ?? null,
          incremental: runOptions.incremental === true,
        }
      : undefined;
    const output = await deps.detect(deps.db, { onProgress: report, options, ...(state ? { state } : {}) });
    const detectSeconds = seconds(tDetect);

    const sorted = byRisk(output.clusters);
    const { ids } = assignStableIds(previousClusters, sorted, { newId: deps.newClusterId ?? newClusterId });
    const diff = diffRuns(
      previous?.id ?? null,
      previousClusters,
      sorted.map((c, i) => ({ id: ids[i]!, application_ids: c.application_ids })),
    );
    const clusters: ContractCluster[] = sorted.map((c, i) => ({ id: ids[i]!, ...c, change: diff.clusters[i]!.change }));
    await deps.annotate?.(clusters);

    const tPersist = performance.now();
    const batch = deps.batchSize ?? 500;
    report("persist", 0, clusters.length);
    for (let i = 0; i < clusters.length; i += batch) {
      const rows = clusters.slice(i, i + batch).map((c, j) => toClusterRow(c, i + j, diff.clusters[i + j]));
      await active.writeClusters(rows);
      report("persist", Math.min(i + batch, clusters.length), clusters.length);
    }
    const timings = { ...output.stats.timings, detect: detectSeconds, persist: seconds(tPersist), total: seconds(t0) };
    const byLevel = Object.fromEntries(LEVELS.map((l) => [l, clusters.filter((c) => c.risk_level === l).length]));
    const { timings: _t, ...counts } = output.stats;
    void _t;
    const generatedAt = await active.finish({
      previous_run_id: previous?.id ?? null,
      clusters: clusters.length,
      parameters_json: JSON.stringify(output.parameters),
      timings_json: JSON.stringify(timings),
      counts_json: JSON.stringify({ ...counts, clusters: clusters.length, by_level: byLevel }),
      diff_json: JSON.stringify(storedDiff(diff)),
      diff_counts_json: JSON.stringify(diff.counts),
      asn_database_json: JSON.stringify(output.asnDatabase),
      common_infrastructure_json: JSON.stringify(output.commonInfrastructure),
    });
    // Readers see the run from here: the time a batch takes to be reflected in the clusters.
    const visible = seconds(t0);
    deps.finished?.(active.runId);
    const deletedRuns = await applyRetention(deps);
    await active.release();
    deps.log.info(
      { run_id: active.runId, clusters: clusters.length, diff: diff.counts, timings },
      "detection run finished",
    );
    return {
      document: { run_id: active.runId, generated_at: generatedAt, clusters },
      diff,
      stats: output.stats,
      timings: { ...timings, visible },
      deletedRuns,
    };
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    deps.log.error({ err, run_id: active.runId }, "detection run failed");
    await active.fail(reason).catch((e: unknown) => deps.log.error({ err: e }, "could not record the failed run"));
    throw err;
  }
}

/** The diff kept on the run: counts, dissolved, splits, and every cluster that is not unchanged. */
export function storedDiff(diff: RunDiff) {
  const { clusters, ...rest } = diff;
  return { ...rest, changed: clusters.filter((c) => c.change !== "unchanged") };
}

/** Deletes runs older than the newest `runsToKeep` finished ones; a failure here never fails the run. */
async function applyRetention(deps: RunDeps): Promise<string[]> {
  try {
    const ids = await deps.repo.retentionCandidates(deps.runsToKeep);
    for (const id of ids) await deps.repo.deleteRun(id);
    return ids;
  } catch (err) {
    deps.log.warn({ err }, "retention: could not delete old runs");
    return [];
  }
}
