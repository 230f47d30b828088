/**
 * Detection
 * =========
 *
 * The module's entry point: `detectClusters`, a pure pass over a DetectionInput (`beginDetection` for a
 * reader that fetches the typo fold's values between its two steps). Reading that input
 * from Neo4j is the runs feature's (server/runs/load-input.ts, detect-from-database.ts).
 */
export { beginDetection, detectClusters, type DetectClustersOptions, type DetectionPass } from "./detect.js";
export { DEFAULT_DETECT_OPTIONS, type DetectOptions } from "./options.js";
export type { DetectionInput } from "./input.js";
