/**
 * Detection
 * =========
 *
 * The module's entry points: `loadDetectionInput` (Neo4j → compact input), `detectClusters` (pure
 * pass over the input) and `detectFromDatabase` (both, as a run calls them).
 */
import type { Database } from "../db/database.js";
import { detectClusters, type DetectClustersOptions } from "./detect.js";
import { loadDetectionInput } from "./load.js";
import type { DetectionOutput } from "./types.js";

export { detectClusters, type DetectClustersOptions } from "./detect.js";
export { loadDetectionInput, type LoadOptions, type LoadResult } from "./load.js";
export { DEFAULT_DETECT_OPTIONS, type DetectOptions } from "./options.js";
export type { DetectionInput } from "./input.js";

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
