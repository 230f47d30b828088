/**
 * Auth types
 * ==========
 *
 * Users, sessions and service tokens as the services see them (never with password or token hashes).
 */
import type { Role } from "../http/route.js";

/** Roles a person can hold; "service" belongs to service tokens only. */
export const USER_ROLES = ["investigator", "lead", "auditor", "admin"] as const;
export type UserRole = (typeof USER_ROLES)[number];

/** Scopes a service token can carry; routes that accept tokens name the one they need. */
export const TOKEN_SCOPES = ["ingest", "detect", "screen"] as const;
export type TokenScope = (typeof TOKEN_SCOPES)[number];

export interface User {
  id: string;
  username: string;
  display_name: string;
  role: UserRole;
  disabled: boolean;
  must_change_password: boolean;
  demo: boolean;
  created_at: string;
  created_by: string | null;
  last_sign_in_at: string | null;
}

export interface UserWithHash extends User {
  password_hash: string;
}

export interface SessionUser {
  session: { id: string; csrf_hash: string; last_seen_at: string; expires_at: string };
  user: { id: string; username: string; display_name: string; role: Role; must_change_password: boolean };
}

export interface ServiceToken {
  id: string;
  name: string;
  scopes: TokenScope[];
  prefix: string;
  created_at: string;
  created_by: string;
  expires_at: string | null;
  revoked_at: string | null;
  revoked_by: string | null;
  last_used_at: string | null;
}
