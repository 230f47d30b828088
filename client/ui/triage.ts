/**
 * Triage labels
 * =============
 *
 * Words and badges for triage states and dismissal reasons, the same in the queue and on the cluster page.
 */
import type { DismissReason, TriageState } from "../../server/common/triage.js";
import { h } from "./dom.js";
import "./triage.css";

export const TRIAGE_LABELS: Record<TriageState, string> = {
  new: "New",
  in_review: "In review",
  case_open: "Case open",
  confirmed_ring: "Confirmed ring",
  dismissed: "Dismissed",
  grown_since_dismissed: "Grown since dismissed",
};

export const REASON_LABELS: Record<DismissReason, string> = {
  household: "Household (family or flatmates)",
  recruiter_or_agency: "Recruiter or staffing agency",
  shared_office_or_campus: "Shared office or campus network",
  carrier_or_vpn_nat: "Mobile carrier or VPN address sharing",
  repeat_applicant: "One person applying again",
  data_error: "Data error (bad export, test records)",
  other: "Other (say what in the note)",
};

export function triageBadge(state: TriageState | undefined): HTMLElement {
  const s = state ?? "new";
  return h("span", { class: `triage-badge triage-${s}`, dataset: { triage: s } }, TRIAGE_LABELS[s]);
}
