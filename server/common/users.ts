/**
 * Users and tokens
 * ================
 *
 * Users, sessions and service tokens as the services and the client see them (never with password or
 * token hashes, except UserWithHash, which stays in the user repository and the auth service).
 */
import type { Role, TokenScope, UserRole } from "./roles.js";

export { TOKEN_SCOPES, USER_ROLES, type TokenScope, type UserRole } from "./roles.js";

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
