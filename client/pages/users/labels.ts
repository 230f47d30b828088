/**
 * User and token vocabulary
 * =========================
 *
 * Role and scope names as the admin page shows them, and the server's user-name rule
 * (server/users/users.routes.ts) mirrored so the form says what will be refused before it is sent.
 * The records are keyed by the server's own types, so a new role or scope fails the type check here.
 */
import type { TokenScope, UserRole } from "../../../server/common/users.js";

export const USER_ROLE_LABELS: Readonly<Record<UserRole, string>> = {
  investigator: "Investigator",
  lead: "Lead",
  auditor: "Auditor",
  admin: "Admin",
};

export const USER_ROLE_HELP: Readonly<Record<UserRole, string>> = {
  investigator: "Explores clusters and applications, opens and works cases.",
  lead: "Everything an investigator does, plus escalating, referring, exporting evidence and detection runs.",
  auditor: "Reads the audit trail and cases; sees no other applicant data.",
  admin: "Manages users and service tokens; no investigations, no audit trail.",
};

export const USER_ROLES = Object.keys(USER_ROLE_LABELS) as UserRole[];

export const TOKEN_SCOPE_HELP: Readonly<Record<TokenScope, string>> = {
  ingest: "Load applications (POST /api/ingest)",
  detect: "Start detection runs (POST /api/detect)",
  screen: "Screen applications at intake (POST /api/screen)",
};

export const TOKEN_SCOPES = Object.keys(TOKEN_SCOPE_HELP) as TokenScope[];

/** As the server checks it, after trimming and lower-casing. */
export const USERNAME_PATTERN = /^[a-z0-9][a-z0-9._-]{1,63}$/;
export const USERNAME_HINT =
  "2–64 lower-case letters, digits, dots, dashes or underscores; starts with a letter or digit.";

export function roleLabel(role: string): string {
  return (USER_ROLE_LABELS as Record<string, string>)[role] ?? role;
}
