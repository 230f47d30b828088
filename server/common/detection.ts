/**
 * Detection types
 * ===============
 *
 * The shapes detection produces and the API serves. The contract's "Out: clusters" fields come first;
 * everything after them is an optional addition the contract allows.
 */
export type RiskLevel = "high" | "medium" | "low";

export const PATTERNS = ["laptop_farm", "account_rental", "identity_reuse", "shared_infrastructure"] as const;
export type Pattern = (typeof PATTERNS)[number];

/**
 * What each contract pattern is called and means, for every place that shows one: the queue's filter,
 * the chips' tooltips, the registry of detectors (server/detect/patterns/) that report under it.
 */
export const PATTERN_INFO: Readonly<Record<Pattern, { label: string; help: string }>> = {
  laptop_farm: {
    label: "Laptop farm",
    help: "Many identities run from one place: one shipping address or payroll account, shared laptops, few IPs, bursts.",
  },
  account_rental: {
    label: "Account rental",
    help: "One professional profile presented by people with other names, emails and phones.",
  },
  identity_reuse: { label: "Identity reuse", help: "One name and profile behind many mailboxes, phones and devices." },
  shared_infrastructure: {
    label: "Shared infrastructure",
    help: "Two or more identities share identifiers that few others use.",
  },
};

export interface ClusterReason {
  /** Stable machine code, e.g. `shared_payment_account`, `laptop_farm`, `malformed_phone`. */
  code: string;
  /** One sentence an investigator can paste into a report. */
  text: string;
  /** Identifier refs (`kind:key`, e.g. `ip:203.0.113.7`) or application ids (`application:A-1`) involved. */
  identifiers: string[];
}

export interface ScoreComponent {
  code: string;
  points: number;
}

/** One cluster as in the contract, plus optional extras. */
export interface ContractCluster {
  id: string;
  application_ids: string[];
  risk_score: number;
  risk_level: RiskLevel;
  patterns: Pattern[];
  reasons: ClusterReason[];
  /** Optional additions: */
  size?: number;
  identities?: number;
  first_submitted_at?: string;
  last_submitted_at?: string;
  score_breakdown?: ScoreComponent[];
  /** Identifier refs shared inside the cluster (the links that hold it together). */
  shared_identifiers?: string[];
  /** Identifier refs touching the cluster that were judged common infrastructure (too widely used to link). */
  common_infrastructure?: string[];
  /** Change against the previous run: new, grown, shrunk, merged, split or unchanged. */
  change?: ClusterChange;
  /**
   * Applications attached to the cluster by one weak link only (a stranger sharing a home IP with one
   * member): shown beside the cluster, not part of it, its score or its level (server/detect/peripheral.ts).
   */
  peripheral_application_ids?: string[];
  /** A member uses an identifier on the watchlist (a confirmed ring's, or one a lead added): server/watchlist/. */
  touches_confirmed_ring?: boolean;
  /** Those identifiers (`kind:key`). */
  watchlist_hits?: string[];
  /** Members screened `block` at intake (server/screen/). */
  blocked_at_intake?: string[];
}

export type ClusterChange = "new" | "grown" | "shrunk" | "merged" | "split" | "unchanged";

/** The contract's output document. */
export interface ClustersDocument {
  run_id: string;
  generated_at: string;
  clusters: ContractCluster[];
}

/** A cluster as detection finds it, before the runs layer gives it a stable id and compares runs. */
export type DetectedCluster = Omit<
  ContractCluster,
  "id" | "change" | "touches_confirmed_ring" | "watchlist_hits" | "blocked_at_intake"
>;

/**
 * A run's verdict adjustment of rule points (server/rules/adjust.ts): per rule code the factor applied
 * and the verdicts it was learnt from, and the prior's settings. The adjusted points themselves are the
 * run's `parameters.score`.
 */
export interface VerdictAdjustment {
  settings: { minVerdicts: number; priorStrength: number; priorPrecision: number; maxChange: number };
  rules: Record<string, { factor: number; confirmed: number; dismissed: number }>;
}

/** An identifier used so widely that it links nobody; shown to investigators as common infrastructure. */
export interface CommonInfrastructure {
  ref: string;
  /** Distinct identities using it. */
  identities: number;
  applications: number;
  /** Why it was judged common (e.g. "mobile carrier NAT (AS21928 T-Mobile USA)", "used by 412 identities"). */
  reason: string;
}
