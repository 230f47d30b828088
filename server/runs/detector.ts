/**
 * Detector
 * ========
 *
 * The detection function a run calls, loaded on first use so that the server starts (and serves the
 * previous runs) without paying for the detection modules until a run is asked for.
 */
import type { Database } from "../db/database.js";
import type { DetectOptions } from "../detect/options.js";
import type { DetectionOutput } from "../detect/types.js";

export type ProgressFn = (phase: string, done: number, total?: number) => void;
export type DetectFn = (
  db: Database,
  opts?: { onProgress?: ProgressFn; options?: Partial<DetectOptions> },
) => Promise<DetectionOutput>;

export const detectFromDatabase: DetectFn = async (db, opts) => {
  const mod = await import("../detect/index.js");
  return mod.detectFromDatabase(db, { ...opts?.options, ...(opts?.onProgress ? { onProgress: opts.onProgress } : {}) });
};
