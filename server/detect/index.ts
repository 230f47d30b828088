/**
 * Detection
 * =========
 *
 * The module's entry point: `detectClusters`, a pure pass over a DetectionInput. Reading that input
 * from Neo4j is the runs feature's (server/runs/load-input.ts, detect-from-database.ts).
 */
export { detectClusters, type DetectClustersOptions } from "./detect.js";
export { DEFAULT_DETECT_OPTIONS, type DetectOptions } from "./options.js";
export type { DetectionInput } from "./input.js";
