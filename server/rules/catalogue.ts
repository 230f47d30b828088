/**
 * Rule catalogue
 * ==============
 *
 * The rules that carry points in the risk score (server/detect/score.ts), read from detection's options
 * (server/detect/options.ts) and pattern registry (server/detect/patterns/index.ts), so the rules page
 * cannot disagree with the formula: per rule its score family, its points in the given options, how they
 * are applied, the reason codes or patterns that show it fired on a cluster, and where its points live in
 * `DetectOptions.score` (`scale`, used by the verdict adjustment of ./adjust.ts).
 */
import { DEFAULT_DETECT_OPTIONS, type ScoreOptions } from "../detect/options.js";
import { PATTERN_REGISTRY } from "../detect/patterns/index.js";
import { aKind, IDENTIFIER_KINDS } from "../common/identifiers.js";
import type { Rule } from "../common/api/rules.js";

interface RuleDefinition {
  code: string;
  family: Rule["family"];
  fires: string[];
  honest: boolean;
  points(s: ScoreOptions): number;
  applies(s: ScoreOptions): string;
  /** Multiplies the rule's points in `s` (a copy the caller owns) by `f`. */
  scale(s: ScoreOptions, f: number): void;
}

const round3 = (x: number) => Math.round(x * 1000) / 1000;

/** Reason codes, besides the rule's own, that detection gives when the rule fires. */
const REASON_ALIASES: Record<string, string[]> = {
  laptop_farm: ["laptop_farm"],
  account_rental: ["account_rental", "profile_used_by_other_names"],
  identity_reuse: ["identity_reuse", "identity_many_contacts"],
  transitive_chain: ["transitive_chain"],
  education_inconsistent: ["major_not_offered", "graduation_off_calendar", "education_inconsistent"],
};

const INDICATORS = Object.keys(
  DEFAULT_DETECT_OPTIONS.score.indicatorPoints,
) as (keyof ScoreOptions["indicatorPoints"])[];

const HONEST: {
  code: string;
  key: "household" | "householdShape" | "oneContactHub" | "submissionChannel";
  when: string;
}[] = [
  {
    code: "household",
    key: "household",
    when: "every identity shares a surname and nothing stronger than an address, IP, device or phone",
  },
  {
    code: "household_shape",
    key: "householdShape",
    when: "a few identities with different names share only what a home shares (address, device, IP)",
  },
  { code: "one_contact_hub", key: "oneContactHub", when: "all that is shared is one phone number or email" },
  {
    code: "submitted_for_others",
    key: "submissionChannel",
    when: "three or more identities share only the device or IP they were submitted through",
  },
];

const DEFINITIONS: readonly RuleDefinition[] = [
  ...IDENTIFIER_KINDS.map((k): RuleDefinition => ({
    code: `shared_${k}`,
    family: "links",
    fires: [`shared_${k}`],
    honest: false,
    points: (s) => s.kindPoints[k],
    applies: (s) =>
      `+${s.kindPoints[k]} when ${aKind(k)} is shared between identities (links family capped at ${s.linksCap})`,
    scale: (s, f) => {
      s.kindPoints[k] = round3(s.kindPoints[k] * f);
    },
  })),
  ...PATTERN_REGISTRY.filter((p) => p.points).map((p): RuleDefinition => ({
    code: p.code,
    family: "patterns",
    fires: REASON_ALIASES[p.code] ?? [p.code],
    honest: false,
    points: (s) => s.patternPoints[p.code]?.base ?? 0,
    applies: (s) => {
      const pts = s.patternPoints[p.code] ?? { base: 0, span: 0 };
      return `${pts.base} + ${pts.span} × strength for the strongest pattern, +${s.extraPatternPoints} per further one (capped at ${s.patternsCap})`;
    },
    scale: (s, f) => {
      const pts = s.patternPoints[p.code];
      if (pts) s.patternPoints[p.code] = { base: round3(pts.base * f), span: round3(pts.span * f) };
    },
  })),
  ...INDICATORS.map((code): RuleDefinition => ({
    code,
    family: "indicators",
    fires: REASON_ALIASES[code] ?? [code],
    honest: false,
    points: (s) => s.indicatorPoints[code],
    applies: (s) =>
      `${s.indicatorPoints[code]} × the share of the cluster's applications showing it (indicators capped at ${s.indicatorsCap})`,
    scale: (s, f) => {
      s.indicatorPoints[code] = round3(s.indicatorPoints[code] * f);
    },
  })),
  {
    code: "farm_submission_burst",
    family: "indicators",
    fires: ["farm_submission_burst"],
    honest: false,
    points: (s) => s.burstPoints,
    applies: (s) => `+${s.burstPoints} for a submission burst of three or more identities, half the cluster's`,
    scale: (s, f) => {
      s.burstPoints = round3(s.burstPoints * f);
    },
  },
  ...HONEST.map((h): RuleDefinition => ({
    code: h.code,
    family: "honest",
    fires: [h.code],
    honest: true,
    points: (s) => s[h.key],
    applies: (s) => `${s[h.key]} when ${h.when}`,
    scale: (s, f) => {
      s[h.key] = round3(s[h.key] * f);
    },
  })),
];

/** The rules as the given score options (the defaults unless told) make them. */
export function rulesOf(score: ScoreOptions = DEFAULT_DETECT_OPTIONS.score): Rule[] {
  return DEFINITIONS.map((d) => ({
    code: d.code,
    family: d.family,
    points: d.points(score),
    applies: d.applies(score),
    fires: d.fires,
    honest: d.honest,
  }));
}

/** `score` with each rule's points multiplied by its factor (codes absent from `factors` keep theirs). */
export function scaledScoreOptions(score: ScoreOptions, factors: Readonly<Record<string, number>>): ScoreOptions {
  const out = structuredClone(score);
  for (const d of DEFINITIONS) {
    const f = factors[d.code];
    if (f !== undefined && f !== 1) d.scale(out, f);
  }
  return out;
}
