/**
 * Detection options
 * =================
 *
 * Every tunable of a detection pass in one place: what can be set, the defaults, and validation. The
 * values in force are recorded on each run (`DetectionOutput.parameters`).
 */
import type { IdentifierKind } from "../normalise/types.js";

export interface DetectOptions {
  /** Seed of the Louvain rng; a pass is a pure function of (input, options). */
  seed: number;
  /**
   * How telling one shared identifier of each kind is, 0–10 (indicators-and-evidence §1.2, column W:
   * payroll account A1 = 9, device A5 = 8, shipping address A2 = 8, phone A3 = 7, email A4 = 6; a
   * profile shared under different names is the account-rental signal; IP is weak: NATs, VPNs, campuses).
   */
  kindWeight: Record<IdentifierKind, number>;
  /** An identifier used by more identities than this is common infrastructure outright. */
  hardCap: Record<IdentifierKind, number>;
  /**
   * An identifier whose identities fall into more than this many groups that nothing else links
   * (no other shared identifier) is common infrastructure: it is what strangers have in common.
   */
  groupCap: Record<IdentifierKind, number>;
  /** Components with at least this many identities are split with Louvain when it finds structure. */
  louvainMinIdentities: number;
  /** A Louvain partition is used only when its modularity is at least this (else the component stays whole). */
  louvainMinModularity: number;
  louvainResolution: number;
  /** Risk thresholds: high at or above `high`, medium at or above `medium`. */
  thresholds: { high: number; medium: number };
  /** Submissions within this many minutes of each other count towards a burst. */
  burstWindowMinutes: number;
  /** Most common-infrastructure entries kept in the output (largest first). */
  maxCommonInfrastructure: number;
  /**
   * Scales a rule's points by reason code (server/detect/score.ts); absent means 1 for every rule. Set
   * by runs with the verdict adjustment on (server/rules/adjust.ts), recorded on the run as `points`.
   */
  pointFactor?: (code: string) => number;
}

export const DEFAULT_DETECT_OPTIONS: Readonly<DetectOptions> = Object.freeze({
  seed: 1,
  kindWeight: { payment: 9, device: 8, address: 8, phone: 7, profile: 7, email: 6, ip: 3 },
  hardCap: { payment: 500, device: 300, address: 300, phone: 100, profile: 100, email: 100, ip: 60 },
  groupCap: { payment: 25, profile: 20, device: 12, address: 8, phone: 4, email: 4, ip: 3 },
  louvainMinIdentities: 10,
  louvainMinModularity: 0.3,
  louvainResolution: 1,
  thresholds: { high: 70, medium: 40 },
  burstWindowMinutes: 120,
  maxCommonInfrastructure: 5000,
});

/** Defaults merged with the given values; only the options above are kept (other keys are ignored). */
export function resolveDetectOptions(partial: Partial<DetectOptions> = {}): DetectOptions {
  const d = DEFAULT_DETECT_OPTIONS;
  const o: DetectOptions = {
    seed: partial.seed ?? d.seed,
    kindWeight: { ...d.kindWeight, ...partial.kindWeight },
    hardCap: { ...d.hardCap, ...partial.hardCap },
    groupCap: { ...d.groupCap, ...partial.groupCap },
    louvainMinIdentities: partial.louvainMinIdentities ?? d.louvainMinIdentities,
    louvainMinModularity: partial.louvainMinModularity ?? d.louvainMinModularity,
    louvainResolution: partial.louvainResolution ?? d.louvainResolution,
    thresholds: { ...d.thresholds, ...partial.thresholds },
    burstWindowMinutes: partial.burstWindowMinutes ?? d.burstWindowMinutes,
    maxCommonInfrastructure: partial.maxCommonInfrastructure ?? d.maxCommonInfrastructure,
  };
  if (partial.pointFactor) o.pointFactor = partial.pointFactor;
  if (!(o.thresholds.high > o.thresholds.medium && o.thresholds.medium > 0 && o.thresholds.high <= 100))
    throw new Error("detect: invalid `thresholds`. Expecting 0 < medium < high <= 100.");
  if (!Number.isInteger(o.seed)) throw new Error("detect: invalid `seed`. Expecting an integer.");
  return o;
}
