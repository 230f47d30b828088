/**
 * Detection over the database
 * ===========================
 *
 * What a run calls: stream the graph into the compact input (load-input.ts), then the pure pass
 * (`detectClusters`), with the load's time added to the pass's timings.
 */
import type { Database } from "../db/database.js";
import { detectClusters, type DetectClustersOptions } from "../detect/detect.js";
import type { DetectionOutput } from "../detect/types.js";
import { loadDetectionInput } from "./load-input.js";

export interface DetectFromDatabaseOptions extends DetectClustersOptions {
  /** Progress: `("load", applications read)` while streaming, then `(phase, 1, 1)` after each phase. */
  onProgress?: (phase: string, done: number, total?: number) => void;
  /** Backtest: detect over the applications submitted at or before this ISO date-time only. */
  asOf?: string;
}

export async function detectFromDatabase(db: Database, opts: DetectFromDatabaseOptions = {}): Promise<DetectionOutput> {
  const { onProgress, onPhase, asOf, ...detectOptions } = opts;
  const loaded = await loadDetectionInput(db, {
    onProgress: (n) => onProgress?.("load", n),
    ...(asOf ? { asOf } : {}),
  });
  onProgress?.("load", loaded.input.apps.count, loaded.input.apps.count);
  const output = detectClusters(loaded.input, {
    ...detectOptions,
    onPhase: (phase, seconds) => {
      onPhase?.(phase, seconds);
      onProgress?.(phase, 1, 1);
    },
  });
  output.stats.timings = { load: Math.round(loaded.seconds * 1000) / 1000, ...output.stats.timings };
  return output;
}
