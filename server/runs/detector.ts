/**
 * Detector
 * ========
 *
 * The detection function a run calls, loaded on first use so that the server starts (and serves the
 * previous runs) without paying for the detection modules until a run is asked for.
 */
import type { Database } from "../db/database.js";
import type { DetectClustersOptions } from "../detect/detect.js";
import type { DetectionOutput } from "../detect/types.js";
import type { StateOptions } from "./detect-from-database.js";

export type ProgressFn = (phase: string, done: number, total?: number) => void;
/** Options a run may set: detection's tunables and the verdict adjustment they came from. */
export type RunDetectOptions = Pick<DetectClustersOptions, "score" | "verdictAdjustment">;
export type DetectFn = (
  db: Database,
  opts?: { onProgress?: ProgressFn; options?: RunDetectOptions; state?: StateOptions },
) => Promise<DetectionOutput>;

/** detectFromDatabase (detect-from-database.ts), imported when the first run starts. */
export const lazyDetectFromDatabase: DetectFn = async (db, opts) => {
  const mod = await import("./detect-from-database.js");
  return mod.detectFromDatabase(db, {
    ...opts?.options,
    ...(opts?.onProgress ? { onProgress: opts.onProgress } : {}),
    ...(opts?.state ? { state: opts.state } : {}),
  });
};
