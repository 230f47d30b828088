/**
 * Case status rules
 * =================
 *
 * Investigators open and close cases; only leads escalate and refer (a referral leaves the building),
 * and only leads take a case back out of `escalated` or `referred`: an investigator cannot undo a lead's
 * decision by reopening or closing the case.
 */
import type { Role } from "../http/route.js";
import type { CaseStatus } from "../common/api/cases.js";

const ALLOWED: Record<string, readonly CaseStatus[]> = {
  investigator: ["open", "closed"],
  lead: ["open", "escalated", "referred", "closed"],
};

/** Null when `role` may move a case to `to`, else the reason it may not. */
export function statusChangeProblem(role: Role, from: CaseStatus, to: CaseStatus): string | null {
  if (from === to) return null;
  if ((from === "escalated" || from === "referred") && role !== "lead")
    return `only a lead may change the status of ${from === "escalated" ? "an" : "a"} ${from} case`;
  if (!(ALLOWED[role] ?? []).includes(to))
    return to === "escalated" || to === "referred"
      ? `only a lead may mark a case ${to}`
      : `role "${role}" may not set status ${to}`;
  return null;
}
