/**
 * API shapes: rules
 * =================
 *
 * A reason code's statistics from verdicts (`GET /api/rules`). Plain types, shared by server and client.
 */

export interface VerdictCounts {
  confirmed: number;
  dismissed: number;
}

export interface Rule {
  code: string;
  family: "links" | "patterns" | "indicators" | "honest";
  /** Points in the options read (negative for honest explanations; a pattern's base). */
  points: number;
  /** How the points enter the score, in words. */
  applies: string;
  /** Reason codes or patterns that mean the rule fired on a cluster. */
  fires: string[];
  /** True when a dismissal, not a confirmation, says the rule was right (honest explanations). */
  honest: boolean;
}

export interface RuleStats extends VerdictCounts {
  code: string;
  /** Share of its verdicts that were confirmed rings (null without verdicts). */
  precision: number | null;
  interval: [number, number] | null;
}

export interface RuleView extends Rule, RuleStats {
  factor: number;
  adjusted_points: number;
}
