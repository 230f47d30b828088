/**
 * Triage types
 * ============
 *
 * A verdict on a cluster, carried across runs by its stable id. Stored as one `(:Triage)` per cluster id
 * (no node = `new`) with the cluster's members, reasons, patterns, score and size at the time of the
 * verdict, so detection and screening can learn from it per cluster and per application, plus a
 * `(:TriageEvent)` history appended on each change. The shape is read by other modules (screening):
 * add fields, never rename or drop them.
 */
export const VERDICT_STATES = ["in_review", "confirmed_ring", "dismissed"] as const;
export type VerdictState = (typeof VERDICT_STATES)[number];

/** What a PUT may ask for: a verdict, or back to `new` (the verdict removed, the history kept). */
export const TRIAGE_REQUEST_STATES = ["new", ...VERDICT_STATES] as const;
export type TriageRequestState = (typeof TRIAGE_REQUEST_STATES)[number];

/** What the queue shows: the verdict, else `case_open` / `new`; a dismissed cluster that grew comes back. */
export const TRIAGE_STATES = [
  "new",
  "in_review",
  "case_open",
  "confirmed_ring",
  "dismissed",
  "grown_since_dismissed",
] as const;
export type TriageState = (typeof TRIAGE_STATES)[number];

/** Why a cluster is benign: the honest look-alikes the README's detection section describes. */
export const DISMISS_REASONS = [
  "household",
  "recruiter_or_agency",
  "shared_office_or_campus",
  "carrier_or_vpn_nat",
  "repeat_applicant",
  "data_error",
  "other",
] as const;
export type DismissReason = (typeof DISMISS_REASONS)[number];

/** The stored verdict (`(:Triage)` properties). */
export interface TriageRecord {
  cluster_id: string;
  state: VerdictState;
  reason: DismissReason | null;
  note: string | null;
  /** The cluster as it was when the verdict was given (per-application verdicts derive from these ids). */
  application_ids: string[];
  reason_codes: string[];
  patterns: string[];
  risk_score: number;
  size: number;
  run_id: string;
  updated_at: string;
  updated_by: string;
}

/** One change (`(:TriageEvent)` properties); state `new` when a verdict was withdrawn. */
export interface TriageEvent {
  cluster_id: string;
  state: TriageRequestState;
  reason: DismissReason | null;
  note: string | null;
  at: string;
  by: string;
  run_id: string | null;
}

/** `GET /api/clusters/:id/triage`. */
export interface TriageView {
  cluster_id: string;
  /** The verdict (`new` when none). */
  state: TriageRequestState;
  reason: DismissReason | null;
  note: string | null;
  updated_at: string | null;
  updated_by: string | null;
  /** Cases opened on this cluster id that are not closed. */
  case_ids: string[];
  /** Dismissed, and the latest run's cluster holds applications the verdict did not see. */
  grown_since_dismissed: boolean;
  /** What the queue shows for it (see TRIAGE_STATES). */
  triage_state: TriageState;
  /** Applications in the latest run's cluster that the verdict did not see (dismissed or not). */
  added_since_verdict: string[];
  /** The run whose cluster the verdict judged. */
  run_id: string | null;
  history: TriageEvent[];
}

export interface TriageInput {
  state: TriageRequestState;
  reason?: DismissReason;
  note?: string;
  run_id?: string;
}
