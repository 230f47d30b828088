/**
 * Roles
 * =====
 *
 * Who can call Ringscope, named once for the server's route declarations, the auth module, the client
 * and the tests: the roles a person can hold, "service" for service tokens, and the scopes a token
 * carries. Which routes each role may use is declared on the routes themselves (server/http/route.ts)
 * and walked by test/integration/routes-roles.test.ts.
 */

/** Every role a caller can have; "service" belongs to service tokens only. */
export const ROLES = ["investigator", "lead", "auditor", "admin", "service"] as const;
export type Role = (typeof ROLES)[number];

/** Roles a person can hold. */
export const USER_ROLES = ["investigator", "lead", "auditor", "admin"] as const;
export type UserRole = (typeof USER_ROLES)[number];

/** Scopes a service token can carry; routes that accept tokens name the one they need. */
export const TOKEN_SCOPES = ["ingest", "detect", "screen"] as const;
export type TokenScope = (typeof TOKEN_SCOPES)[number];

/**
 * Who may do what, by name. The route declarations and the client's navigation both read these, so a
 * header link shows to exactly the roles whose routes its page calls.
 */
export const ACCESS = {
  /** Clusters, applications, identifiers, search, triage, the watchlist as read, cases as worked on. */
  investigate: ["investigator", "lead"],
  /** Cases, runs and rules as read: the investigators' work and the auditors who review it. */
  review: ["investigator", "lead", "auditor"],
  /** Evidence packages, watchlist entries by hand. */
  lead: ["lead"],
  audit: ["auditor"],
  admin: ["admin"],
  signedIn: USER_ROLES,
  /** What a lead does by hand and an applicant-tracking system or scheduler with a token: ingest, runs, screening. */
  intake: ["lead", "service"],
} as const satisfies Record<string, readonly Role[]>;
