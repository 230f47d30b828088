/**
 * Run execution
 * =============
 *
 * One detection run, start to finish, for a run that already holds the lock: detect, give clusters
 * stable ids, compare with the previous finished run, write the clusters in batches while the run is
 * still "running" (invisible; a cluster the previous run stored as it is now is linked, not written
 * again), then finish it in one statement, free the lock and apply retention.
 * Any failure marks the run failed and removes what it wrote; readers keep seeing the previous run.
 */
import type { Database } from "../db/database.js";
import type { PreviousCluster, RunsRepository } from "./runs.repository.js";
import { rankClusters } from "../detect/rank.js";
import type { ClustersDocument, ContractCluster, DetectedCluster } from "../common/detection.js";
import type { DetectionOutput } from "../detect/types.js";
import type { Logger } from "../logger.js";
import type { ActiveRun } from "./active-run.js";
import { contentHash, foundProps, linkRow, toClusterRow } from "./cluster-record.js";
import type { DetectFn, ProgressFn, RunDetectOptions } from "./detector.js";
import { diffRuns, type RunDiff } from "./diff.js";
import { newClusterId } from "./ids.js";
import { assignStableIds } from "./stable-ids.js";
import type { DetectionStateStore } from "./detection-state.js";
import type { WrittenClusters } from "./written-clusters.js";

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
  /** The clusters this process's last run wrote, so the next run need not read them back. */
  written?: WrittenClusters;
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
  /** Clusters written as new nodes, and clusters linked to the previous run's nodes. */
  persisted: { clusters_written: number; clusters_linked: number };
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
    const previousClusters = previous
      ? (deps.written?.clustersOf(previous.id) ?? (await deps.repo.memberships(previous.id)))
      : [];
    const previousSeconds = seconds(t0);
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

    const tIds = performance.now();
    const sorted = byRisk(output.clusters);
    const { ids } = assignStableIds(previousClusters, sorted, { newId: deps.newClusterId ?? newClusterId });
    const diff = diffRuns(
      previous?.id ?? null,
      previousClusters,
      sorted.map((c, i) => ({ id: ids[i]!, application_ids: c.application_ids })),
    );
    const clusters: ContractCluster[] = sorted.map((c, i) => ({ id: ids[i]!, ...c, change: diff.clusters[i]!.change }));
    const idsSeconds = seconds(tIds);
    const tAnnotate = performance.now();
    await deps.annotate?.(clusters);
    const annotateSeconds = seconds(tAnnotate);

    const tPersist = performance.now();
    const hashes = clusters.map((c, i) => contentHash(c, sorted[i]));
    const persisted = await persistClusters(active, { clusters, hashes, diff }, previousClusters, deps, report);
    const timings = {
      ...output.stats.timings,
      detect: detectSeconds,
      // Reading the previous run's clusters, stable ids and diff, annotation: the rest of a run's time.
      previous: previousSeconds,
      ids_diff: idsSeconds,
      annotate: annotateSeconds,
      persist: seconds(tPersist),
      // Of which linking unchanged clusters and writing the others (concurrent transactions).
      persist_link: persisted.seconds.link,
      persist_write: persisted.seconds.write,
      total: seconds(t0),
    };
    const byLevel = Object.fromEntries(LEVELS.map((l) => [l, clusters.filter((c) => c.risk_level === l).length]));
    const { timings: _t, ...counts } = output.stats;
    void _t;
    const generatedAt = await active.finish({
      previous_run_id: previous?.id ?? null,
      clusters: clusters.length,
      parameters_json: JSON.stringify(output.parameters),
      timings_json: JSON.stringify(timings),
      counts_json: JSON.stringify({
        ...counts,
        clusters: clusters.length,
        by_level: byLevel,
        clusters_written: persisted.clusters_written,
        clusters_linked: persisted.clusters_linked,
      }),
      diff_json: JSON.stringify(storedDiff(diff)),
      diff_counts_json: JSON.stringify(diff.counts),
      asn_database_json: JSON.stringify(output.asnDatabase),
      common_infrastructure_json: JSON.stringify(output.commonInfrastructure),
    });
    // Readers see the run from here: the time a batch takes to be reflected in the clusters.
    const visible = seconds(t0);
    report("visible", 1, 1);
    deps.written?.remember(active.runId, persisted.memberships);
    deps.finished?.(active.runId);
    // Off the critical path: the state file for another process (before the lock is freed, so the next
    // run finds it), then retention once the lock is free (deleting old runs' clusters never holds up
    // the next run; a concurrent one only ever links the latest run's clusters, which stay).
    await deps.state?.save();
    await active.release();
    const deletedRuns = await applyRetention(deps);
    deps.log.info(
      { run_id: active.runId, clusters: clusters.length, diff: diff.counts, timings },
      "detection run finished",
    );
    return {
      document: { run_id: active.runId, generated_at: generatedAt, clusters },
      diff,
      stats: output.stats,
      timings: { ...timings, visible },
      persisted: { clusters_written: persisted.clusters_written, clusters_linked: persisted.clusters_linked },
      deletedRuns,
    };
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    deps.log.error({ err, run_id: active.runId }, "detection run failed");
    await active.fail(reason).catch((e: unknown) => deps.log.error({ err: e }, "could not record the failed run"));
    throw err;
  }
}

/**
 * Links go in one small transaction first (it makes the run's node dense: Neo4j then lets concurrent
 * transactions add relationships to it), then in this many concurrent slices: about 13,000 links take a
 * third less time over two cores than in one transaction.
 */
const FIRST_LINKS = 100;
const LINK_SLICES = 3;

/**
 * Writes a run's clusters: a cluster the previous run stored exactly as this run has it (same id, same
 * content hash; its node found by the previous run) is linked to that node with this run's rank and change,
 * every other one is written as a node with its members. An unchanged cluster so costs one relationship,
 * and a run that changed a few hundred clusters of ten thousands writes a few hundred nodes. The links and
 * the new nodes go in concurrent transactions (Neo4j works on both at once); a cluster whose link was
 * refused (its node changed meanwhile) is written after.
 */
async function persistClusters(
  active: ActiveRun,
  run: { clusters: ContractCluster[]; hashes: string[]; diff: RunDiff },
  previous: readonly PreviousCluster[],
  deps: RunDeps,
  report: ProgressFn,
): Promise<{
  clusters_written: number;
  clusters_linked: number;
  memberships: PreviousCluster[];
  seconds: { link: number; write: number };
}> {
  const { clusters, hashes, diff } = run;
  const total = clusters.length;
  const before = new Map(previous.map((p) => [p.id, p]));
  const uids = clusters.map((c, i) => {
    const p = before.get(c.id);
    return p?.uid && p.content_hash === hashes[i] ? p.uid : null;
  });
  report("persist", 0, total);
  let done = 0;
  const batch = deps.batchSize ?? 500;
  const spent = { link: 0, write: 0 };
  const write = async (indexes: number[]) => {
    const t = performance.now();
    for (let i = 0; i < indexes.length; i += batch) {
      const slice = indexes.slice(i, i + batch);
      await active.writeClusters(slice.map((k) => toClusterRow(clusters[k]!, k, diff.clusters[k], hashes[k])));
      report("persist", (done += slice.length), total);
    }
    spent.write += seconds(t);
  };
  const linked = new Set<string>();
  const link = async () => {
    const t = performance.now();
    const candidates = clusters.flatMap((c, i) =>
      uids[i] ? [linkRow(uids[i]!, hashes[i]!, c.id, foundProps(c, i, diff.clusters[i]))] : [],
    );
    const linkSlice = async (slice: typeof candidates) => {
      if (!slice.length) return;
      for (const uid of await active.linkClusters(slice)) linked.add(uid);
      report("persist", (done += slice.length), total);
    };
    await linkSlice(candidates.slice(0, FIRST_LINKS));
    const rest = candidates.slice(FIRST_LINKS);
    const size = Math.ceil(rest.length / LINK_SLICES);
    const slices = Array.from({ length: LINK_SLICES }, (_, j) => rest.slice(j * size, (j + 1) * size));
    await settleAll(slices.map(linkSlice));
    spent.link = seconds(t);
  };
  const fresh = clusters.flatMap((_, i) => (uids[i] ? [] : [i]));
  await settleAll([link(), write(fresh)]);
  const refused = clusters.flatMap((_, i) => (uids[i] && !linked.has(uids[i]!) ? [i] : []));
  await write(refused);
  const memberships = clusters.map((c, i) => ({
    id: c.id,
    application_ids: c.application_ids,
    uid: uids[i] && linked.has(uids[i]!) ? uids[i]! : `${active.runId}/${c.id}`,
    content_hash: hashes[i]!,
  }));
  return {
    clusters_written: fresh.length + refused.length,
    clusters_linked: linked.size,
    memberships,
    seconds: spent,
  };
}

/** Waits for every one, then throws the first failure: a failed run deletes what it wrote only once nothing is in flight. */
async function settleAll(work: Promise<void>[]): Promise<void> {
  for (const r of await Promise.allSettled(work)) if (r.status === "rejected") throw r.reason;
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
