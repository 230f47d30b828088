/**
 * Case status display
 * ===================
 *
 * Labels and badges for case statuses, and which statuses a role may move a case to (the server's
 * rule in server/cases/status.ts, mirrored so the form offers only what will be accepted).
 */
import type { CaseStatus } from "../../../server/common/api/cases.js";
import { h } from "../../ui/dom.js";

export const STATUS_LABELS: Record<CaseStatus, string> = {
  open: "Open",
  escalated: "Escalated",
  referred: "Referred",
  closed: "Closed",
};

export function statusBadge(status: string): HTMLElement {
  return h("span", { class: `badge case-status case-status-${status}` }, STATUS_LABELS[status as CaseStatus] ?? status);
}

export function statusesFor(role: string): CaseStatus[] {
  if (role === "lead") return ["open", "escalated", "referred", "closed"];
  if (role === "investigator") return ["open", "closed"];
  return [];
}
