/**
 * Detection options
 * =================
 *
 * Every number that shapes a detection pass or a score in one place: what can be set, the defaults, and
 * validation (zod). The values in force are recorded on each run (`DetectionOutput.parameters`), so any
 * past score can be recomputed from the run alone.
 */
import { z } from "zod";

import { IDENTIFIER_KINDS, type IdentifierKind } from "../common/identifiers.js";
import { isPersonalProfileKey } from "../normalise/profile.js";
import { PATTERN_REGISTRY } from "./patterns/index.js";

/** One number per identifier kind, every kind present (zod 4 records over an enum are exhaustive). */
const perKind = z.record(z.enum(IDENTIFIER_KINDS), z.number().min(0));
const points = z.object({ base: z.number().min(0).max(100), span: z.number().min(0).max(100) });

/** How a cluster's points are made and squashed into 0–100 (server/detect/score.ts documents the formula). */
export const ScoreOptionsSchema = z.object({
  /** Points per identifier kind shared by two or more identities (research §1.2 column W). */
  kindPoints: perKind,
  linksCap: z.number().min(0),
  /** Per detector code: base + span·strength. */
  patternPoints: z.record(z.string(), points),
  extraPatternPoints: z.number().min(0),
  patternsCap: z.number().min(0),
  /** Per indicator code, times the share of the cluster's applications showing it. */
  indicatorPoints: z.object({
    hosting_ip: z.number().min(0),
    malformed_phone: z.number().min(0),
    education_inconsistent: z.number().min(0),
    voip_phone: z.number().min(0),
    phone_country_mismatch: z.number().min(0),
  }),
  burstPoints: z.number().min(0),
  indicatorsCap: z.number().min(0),
  /** Size: this many points per doubling of the identities beyond two (log2(identities / 2)), capped. */
  sizePerDoubling: z.number().min(0),
  sizeCap: z.number().min(0),
  /** Honest explanations (negative). */
  household: z.number().max(0),
  householdShape: z.number().max(0),
  oneContactHub: z.number().max(0),
  submissionChannel: z.number().max(0),
  /** The score is the points up to `knee`, then knee + (100 − knee)·(1 − e^(−(points − knee)/softness)). */
  knee: z.number().min(1).max(99),
  softness: z.number().positive(),
  decimals: z.number().int().min(0).max(3),
});
export type ScoreOptions = z.infer<typeof ScoreOptionsSchema>;

/** Thresholds of the pattern detectors and of the shapes that keep a cluster whole or trim it. */
export const RuleOptionsSchema = z.object({
  /** A shipping address given by this many identities anchors a farm on its own. */
  farmMinIdentities: z.number().int().min(2),
  /** A payroll account paid for this many identities anchors a farm on its own (two with a burst). */
  farmPayrollIdentities: z.number().int().min(2),
  /** A burst counts when it holds at least this many identities and half of the cluster's. */
  burstMinIdentities: z.number().int().min(2),
  reuseMinApps: z.number().int().min(2),
  reuseMinDistinct: z.number().int().min(2),
  /**
   * Identity reuse counts one identity's emails, phones and devices with values this many edits apart
   * taken as one (a repeat applicant's typos, server/detect/typos.ts): 1 (one character changed, added
   * or removed), or 0 to count every value.
   */
  typoMaxEdits: z.number().int().min(0).max(1),
  chainMinIdentities: z.number().int().min(3),
  chainMinKinds: z.number().int().min(2),
  /** Households and small offices: at most this many identities. */
  householdMaxIdentities: z.number().int().min(2),
  /** Kinds whose kindWeight is at most this are weak links (IP: NATs, VPNs, neighbours). */
  weakKindWeight: z.number().min(0),
  /** An identifier of a non-weak kind used by at most this many identities is a strong, rare link (never cut by Louvain). */
  strongRareMaxIdentities: z.number().int().min(2),
  /**
   * Louvain's communities are put back together when a live identifier of a non-weak kind is used by at
   * least this many identities in each of them: what joins them is the ring's own anchor (its address,
   * payroll account, laptop), not one stray link between two groups.
   */
  anchorMinPerSide: z.number().int().min(1),
  /** A peripheral member hangs on a core member that has strong links to at least this many others. */
  peripheralAnchorLinks: z.number().int().min(1),
  /** The core left after removing peripheral members has at least this many identities. */
  peripheralMinCore: z.number().int().min(2),
  /**
   * A personal profile (a LinkedIn `/in/` page: one person's) is common infrastructure only above this
   * many identities, and never by the group cap: strangers presenting one person's profile is the rental
   * itself, however many they are. The cap only keeps a placeholder URL typed by thousands from making one
   * giant cluster.
   */
  personalProfileHardCap: z.number().int().min(2),
});
export type RuleOptions = z.infer<typeof RuleOptionsSchema>;

export const DetectOptionsSchema = z
  .object({
    /** Seed of the Louvain rng; a pass is a pure function of (input, options). */
    seed: z.number().int(),
    /**
     * How telling one shared identifier of each kind is, 0–10 (indicators-and-evidence §1.2, column W:
     * payroll account A1 = 9, device A5 = 8, shipping address A2 = 8, phone A3 = 7, email A4 = 6; a
     * profile shared under different names is the account-rental signal; IP is weak: NATs, VPNs, campuses).
     */
    kindWeight: perKind,
    /** An identifier used by more identities than this is common infrastructure outright. */
    hardCap: perKind,
    /**
     * An identifier whose identities fall into more than this many groups that nothing else links (no
     * other shared identifier) is common infrastructure: it is what strangers have in common.
     */
    groupCap: perKind,
    /** Components with at least this many identities are split with Louvain when it finds structure. */
    louvainMinIdentities: z.number().int().min(2),
    /** A Louvain partition is used only when its modularity is at least this (else the component stays whole). */
    louvainMinModularity: z.number(),
    louvainResolution: z.number().positive(),
    /** Risk thresholds: high at or above `high`, medium at or above `medium`. */
    thresholds: z.object({ high: z.number(), medium: z.number() }),
    /** Submissions within this many minutes of each other count towards a burst. */
    burstWindowMinutes: z.number().positive(),
    /** Most common-infrastructure entries kept in the output (largest first). */
    maxCommonInfrastructure: z.number().int().min(0),
    score: ScoreOptionsSchema,
    rules: RuleOptionsSchema,
  })
  .refine((o) => o.thresholds.high > o.thresholds.medium && o.thresholds.medium > 0 && o.thresholds.high <= 100, {
    message: "invalid `thresholds`. Expecting 0 < medium < high <= 100.",
    path: ["thresholds"],
  });
export type DetectOptions = z.infer<typeof DetectOptionsSchema>;

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
  score: {
    kindPoints: { payment: 20, profile: 16, device: 12, address: 10, phone: 8, email: 8, ip: 4 },
    linksCap: 40,
    patternPoints: Object.fromEntries(PATTERN_REGISTRY.flatMap((d) => (d.points ? [[d.code, { ...d.points }]] : []))),
    extraPatternPoints: 5,
    patternsCap: 75,
    indicatorPoints: {
      hosting_ip: 12,
      malformed_phone: 10,
      education_inconsistent: 10,
      voip_phone: 4,
      phone_country_mismatch: 4,
    },
    burstPoints: 8,
    indicatorsCap: 30,
    sizePerDoubling: 6,
    sizeCap: 30,
    household: -25,
    householdShape: -15,
    oneContactHub: -20,
    submissionChannel: -30,
    knee: 80,
    softness: 40,
    decimals: 1,
  },
  rules: {
    farmMinIdentities: 5,
    farmPayrollIdentities: 3,
    burstMinIdentities: 3,
    reuseMinApps: 3,
    reuseMinDistinct: 3,
    typoMaxEdits: 1,
    chainMinIdentities: 3,
    chainMinKinds: 2,
    householdMaxIdentities: 4,
    weakKindWeight: 3,
    strongRareMaxIdentities: 3,
    anchorMinPerSide: 2,
    peripheralAnchorLinks: 2,
    peripheralMinCore: 3,
    personalProfileHardCap: 1000,
  },
});

type DeepPartial<T> = { [K in keyof T]?: T[K] extends Record<string, unknown> ? DeepPartial<T[K]> : T[K] };
export type DetectOptionsInput = DeepPartial<DetectOptions>;

/** The identity count above which an identifier is common infrastructure outright (its kind's `hardCap`). */
export function hardCapOf(opts: Pick<DetectOptions, "hardCap" | "rules">, kind: IdentifierKind, key: string): number {
  return kind === "profile" && isPersonalProfileKey(key) ? opts.rules.personalProfileHardCap : opts.hardCap[kind];
}

const isPlain = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** Deep merge of `over` into `base`; keys `base` lacks are ignored, except in open records (patternPoints). */
function merge(base: unknown, over: unknown, open = false): unknown {
  if (!isPlain(base) || !isPlain(over)) return over === undefined ? base : over;
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(over)) if (k in base || open) out[k] = merge(base[k], v, k === "patternPoints");
  return out;
}

/** Defaults merged (deeply) with the given values; unknown keys are ignored; invalid values throw. */
export function resolveDetectOptions(partial: DetectOptionsInput = {}): DetectOptions {
  const merged = merge(structuredClone(DEFAULT_DETECT_OPTIONS), partial);
  const parsed = DetectOptionsSchema.safeParse(merged);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where = issue.path.join(".");
    throw new Error(`detect: invalid \`${where}\`. ${issue.message.replace(/^invalid `thresholds`\. /, "")}`);
  }
  return parsed.data;
}
