/**
 * Detection over the database
 * ===========================
 *
 * What a run calls: stream the graph into the compact input (load-input.ts), begin the pure pass
 * (`beginDetection`), fetch the values the typo fold needs for the components it recomputes
 * (load-contact-keys.ts), then finish the pass, with the load's time added to the pass's timings. With a state store, the run keeps
 * its input and memo for the next one; an incremental run starts from the previous run's state, reads
 * only what was ingested since (load-changes.ts) and recomputes only the components that touched, or
 * runs in full when there is no usable state (another run since, other options, a restart without the
 * state file). Either way the clusters are those of a full pass over the graph.
 */
import type { Database } from "../db/database.js";
import type { DetectClustersOptions } from "../detect/detect.js";
import type { DetectionOutput } from "../detect/types.js";
import type { DetectionStateStore } from "./detection-state.js";
import { loadChanges } from "./load-changes.js";
import { detectWithContactKeys } from "./load-contact-keys.js";
import { loadDetectionInput } from "./load-input.js";

export interface StateOptions {
  store: DetectionStateStore;
  /** This run's id (the state it keeps is usable while it is the latest finished run). */
  runId: string;
  /** The latest finished run when this one started. */
  previousRunId: string | null;
  /** Start from the previous run's state when it is usable. */
  incremental: boolean;
}

export interface DetectFromDatabaseOptions extends DetectClustersOptions {
  /** Progress: `("load", applications read)` while streaming, then `(phase, 1, 1)` after each phase. */
  onProgress?: (phase: string, done: number, total?: number) => void;
  /** Backtest: detect over the applications submitted at or before this ISO date-time only. */
  asOf?: string;
  state?: StateOptions;
}

const sinceOf = (snapshotAt: string, margin: number) => new Date(Date.parse(snapshotAt) - margin * 1000).toISOString();

const seconds = (s: number) => Math.round(s * 1000) / 1000;

const isAscending = (a: Float64Array) => a.every((v, i) => i === 0 || a[i - 1]! < v);

export async function detectFromDatabase(db: Database, opts: DetectFromDatabaseOptions = {}): Promise<DetectionOutput> {
  const { onProgress, onPhase, asOf, state, ...detectOptions } = opts;
  const passOptions = {
    ...detectOptions,
    onPhase: (phase: string, seconds: number) => {
      onPhase?.(phase, seconds);
      onProgress?.(phase, 1, 1);
    },
  };
  const optionsKey = JSON.stringify({ score: detectOptions.score ?? null, seed: detectOptions.seed ?? null });
  const previous =
    state?.incremental && state.previousRunId && !asOf ? await state.store.take(state.previousRunId, optionsKey) : null;
  if (state && previous) {
    onProgress?.("load", 0);
    const changes = await loadChanges(db, previous);
    onProgress?.("load", changes.counts.reread, changes.counts.reread);
    const { output, typoSeconds } = await detectWithContactKeys(db, changes.input, changes.nodeIds, {
      ...passOptions,
      previous: { memo: previous.memo, changed: changes.changed, changedIndexes: changes.partIndexes },
      remember: true,
    });
    state.store.put({
      runId: state.runId,
      optionsKey,
      since: sinceOf(changes.snapshotAt, state.store.marginSeconds),
      input: changes.input,
      nodeIds: changes.nodeIds,
      indexes: previous.indexes,
      memo: output.memo!,
    });
    delete output.memo;
    output.stats.timings = {
      load: seconds(changes.seconds),
      ...Object.fromEntries(Object.entries(changes.parts).map(([k, v]) => [`load_${k}`, seconds(v)])),
      load_patch: seconds(changes.patchSeconds),
      typo_values: seconds(typoSeconds),
      ...output.stats.timings,
    };
    output.stats.incremental = { from_run: previous.runId, since: previous.since, ...changes.counts };
    return output;
  }
  const loaded = await loadDetectionInput(db, {
    onProgress: (n) => onProgress?.("load", n),
    ...(asOf ? { asOf } : {}),
  });
  onProgress?.("load", loaded.input.apps.count, loaded.input.apps.count);
  const keep = state && !asOf && isAscending(loaded.nodeIds);
  const { output, typoSeconds } = await detectWithContactKeys(db, loaded.input, loaded.nodeIds, {
    ...passOptions,
    ...(keep ? { remember: true } : {}),
  });
  if (keep && state)
    state.store.put({
      runId: state.runId,
      optionsKey,
      since: sinceOf(loaded.snapshotAt, state.store.marginSeconds),
      input: loaded.input,
      nodeIds: loaded.nodeIds,
      indexes: loaded.indexes,
      memo: output.memo!,
    });
  delete output.memo;
  output.stats.timings = {
    load: seconds(loaded.seconds),
    typo_values: seconds(typoSeconds),
    ...output.stats.timings,
  };
  return output;
}
