/**
 * User repository
 * ===============
 *
 * Users (with their password hashes, which never leave the auth module) and the demo-database marker.
 */
import type { Database } from "../db/database.js";
import { defineQueries } from "../db/queries.js";
import { ConflictError } from "../common/errors.js";
import type { User, UserRole, UserWithHash } from "../common/users.js";

defineQueries([
  "write/user-create",
  "write/user-update",
  "write/user-set-password",
  "write/user-signed-in",
  "write/user-demo-mark",
  "read/user-demo-status",
  "read/user-by-username",
  "read/user-by-id",
  "read/user-list",
  "read/user-count",
] as const);

type Props = Record<string, unknown>;

function toUser(p: Props): User {
  return {
    id: String(p.id),
    username: String(p.username),
    display_name: String(p.display_name ?? p.username),
    role: p.role as UserRole,
    disabled: p.disabled === true,
    must_change_password: p.must_change_password === true,
    demo: p.demo === true,
    created_at: String(p.created_at ?? ""),
    created_by: (p.created_by as string | undefined) ?? null,
    last_sign_in_at: (p.last_sign_in_at as string | undefined) ?? null,
  };
}

function isConstraintError(err: unknown): boolean {
  return (err as { code?: string })?.code === "Neo.ClientError.Schema.ConstraintValidationFailed";
}

export interface NewUser {
  id: string;
  username: string;
  display_name: string;
  role: UserRole;
  password_hash: string;
  must_change_password: boolean;
  demo: boolean;
  created_by: string | null;
}

/** Look-ups by user name since the process started (the tests check a refused sign-in did none). */
let usernameLookups = 0;

export function usernameLookupCount(): number {
  return usernameLookups;
}

export class UserRepository {
  constructor(private readonly db: Database) {}

  async create(user: NewUser): Promise<User> {
    try {
      const [r] = await this.db.write<{ user: Props }>("write/user-create", {
        user: { ...user, disabled: false, created_by: user.created_by ?? "system" },
      });
      return toUser(r!.user);
    } catch (err) {
      if (isConstraintError(err)) throw new ConflictError(`user "${user.username}" already exists`);
      throw err;
    }
  }

  async byUsername(username: string): Promise<UserWithHash | null> {
    usernameLookups++;
    const [r] = await this.db.read<{ user: Props }>("read/user-by-username", { username });
    return r ? { ...toUser(r.user), password_hash: String(r.user.password_hash ?? "") } : null;
  }

  async byId(id: string): Promise<UserWithHash | null> {
    const [r] = await this.db.read<{ user: Props }>("read/user-by-id", { id });
    return r ? { ...toUser(r.user), password_hash: String(r.user.password_hash ?? "") } : null;
  }

  async list(): Promise<User[]> {
    const rows = await this.db.read<{ user: Props }>("read/user-list");
    return rows.map((r) => toUser(r.user));
  }

  async counts(): Promise<{ users: number; admins: number }> {
    const [r] = await this.db.read<{ users: number; admins: number }>("read/user-count");
    return { users: r?.users ?? 0, admins: r?.admins ?? 0 };
  }

  /** Applies role / display name / disabled changes; returns the user before and after. */
  async update(
    id: string,
    changes: Partial<Pick<User, "role" | "display_name" | "disabled">>,
  ): Promise<{ before: User; after: User } | null> {
    const [r] = await this.db.write<{ before: Props; user: Props }>("write/user-update", { id, changes });
    return r ? { before: toUser(r.before), after: toUser(r.user) } : null;
  }

  async setPassword(id: string, passwordHash: string, mustChange: boolean): Promise<void> {
    await this.db.write("write/user-set-password", { id, password_hash: passwordHash, must_change: mustChange });
  }

  async markSignedIn(id: string): Promise<void> {
    await this.db.write("write/user-signed-in", { id });
  }

  async markDemo(): Promise<void> {
    await this.db.write("write/user-demo-mark");
  }

  async isDemo(): Promise<boolean> {
    const [r] = await this.db.read<{ demo: boolean }>("read/user-demo-status");
    return r?.demo === true;
  }
}
