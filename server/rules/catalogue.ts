/**
 * Rule catalogue
 * ==============
 *
 * The rules that carry points in the risk score (server/detect/score.ts), each with the reason codes or
 * patterns that show it fired on a cluster and how it contributes: its score family, its base points
 * and how they are applied. Built from detection's own constants, so the page cannot disagree with the
 * formula.
 */
import { FAMILY_POINTS, ONE_HUB_POINTS } from "../detect/honest.js";
import { KIND_CODE } from "../detect/input.js";
import { BURST_POINTS, CAPS, INDICATOR_POINTS, KIND_POINTS, PATTERN_POINTS } from "../detect/score.js";
import { IDENTIFIER_KINDS } from "../normalise/types.js";

export interface Rule {
  code: string;
  family: "links" | "patterns" | "indicators" | "honest";
  /** Base points (negative for honest explanations). */
  points: number;
  /** How the points enter the score, in words. */
  applies: string;
  /** Reason codes or patterns that mean the rule fired on a cluster. */
  fires: string[];
  /** True when a dismissal, not a confirmation, says the rule was right (honest explanations). */
  honest: boolean;
}

const REASON_ALIASES: Record<string, string[]> = {
  laptop_farm: ["laptop_farm"],
  account_rental: ["account_rental", "profile_used_by_other_names"],
  identity_reuse: ["identity_reuse", "identity_many_contacts"],
  transitive_chain: ["transitive_chain"],
  education_inconsistent: ["major_not_offered", "graduation_off_calendar", "education_inconsistent"],
};

export const RULES: readonly Rule[] = [
  ...IDENTIFIER_KINDS.map((k) => ({
    code: `shared_${k}`,
    family: "links" as const,
    points: KIND_POINTS[KIND_CODE[k]]!,
    applies: `+${KIND_POINTS[KIND_CODE[k]]} when a ${k} is shared between identities (links family capped at ${CAPS.links})`,
    fires: [`shared_${k}`],
    honest: false,
  })),
  ...Object.entries(PATTERN_POINTS).map(([code, p]) => ({
    code,
    family: "patterns" as const,
    points: p.base,
    applies: `${p.base} + ${p.span} × strength for the strongest pattern, +5 per further one (capped at ${CAPS.patterns})`,
    fires: REASON_ALIASES[code] ?? [code],
    honest: false,
  })),
  ...INDICATOR_POINTS.map((i) => ({
    code: i.code,
    family: "indicators" as const,
    points: i.points,
    applies: `${i.points} × the share of the cluster's applications showing it (indicators capped at ${CAPS.indicators})`,
    fires: REASON_ALIASES[i.code] ?? [i.code],
    honest: false,
  })),
  {
    code: "farm_submission_burst",
    family: "indicators",
    points: BURST_POINTS,
    applies: `+${BURST_POINTS} for a submission burst of three or more identities`,
    fires: ["farm_submission_burst"],
    honest: false,
  },
  {
    code: "household",
    family: "honest",
    points: FAMILY_POINTS,
    applies: `${FAMILY_POINTS} when the identities share a surname and no payroll account or profile`,
    fires: ["household"],
    honest: true,
  },
  {
    code: "one_contact_hub",
    family: "honest",
    points: ONE_HUB_POINTS,
    applies: `${ONE_HUB_POINTS} when all that is shared is one phone number or email`,
    fires: ["one_contact_hub"],
    honest: true,
  },
];
