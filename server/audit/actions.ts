/**
 * Audit actions
 * =============
 *
 * The vocabulary of the audit trail: what can be recorded, so auditors can filter by it.
 */
export const AUDIT_ACTIONS = [
  "sign_in",
  "sign_in_failed",
  "sign_out",
  "password_change",
  "access_denied",
  "view_application",
  "view_identifier",
  "view_cluster",
  "list_clusters",
  "view_run",
  "list_cases",
  "request_failed",
  "auth_failed",
  "explain_link",
  "expand_node",
  "view_case",
  "view_audit",
  "search",
  "export",
  "user_create",
  "user_update",
  "role_change",
  "password_reset",
  "token_create",
  "token_revoke",
  "case_open",
  "case_update",
  "triage_update",
  "detection_run",
  "ingest",
  "screen_application",
  "watchlist_add",
  "watchlist_remove",
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number] | (string & {});
