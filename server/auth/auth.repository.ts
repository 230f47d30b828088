/**
 * Session repository
 * ==================
 *
 * Server-side sessions keyed by the SHA-256 of the cookie secret, with the hash of the CSRF secret
 * issued with them.
 */
import type { Database } from "../db/database.js";
import { defineQueries } from "../db/queries.js";
import type { SessionUser } from "../common/users.js";

defineQueries([
  "write/session-create",
  "read/session-by-hash",
  "write/session-touch",
  "write/session-delete",
  "write/session-delete-for-user",
  "write/session-delete-expired",
] as const);

export class SessionRepository {
  constructor(private readonly db: Database) {}

  async create(s: {
    id: string;
    userId: string;
    tokenHash: string;
    csrfHash: string;
    maxHours: number;
    ip: string;
    userAgent: string;
  }): Promise<string> {
    const [r] = await this.db.write<{ expires_at: string }>("write/session-create", {
      id: s.id,
      user_id: s.userId,
      token_hash: s.tokenHash,
      csrf_hash: s.csrfHash,
      max_hours: s.maxHours,
      ip: s.ip,
      user_agent: s.userAgent.slice(0, 300),
    });
    return r!.expires_at;
  }

  async byTokenHash(tokenHash: string, idleMinutes: number): Promise<SessionUser | null> {
    const [r] = await this.db.read<SessionUser>("read/session-by-hash", {
      token_hash: tokenHash,
      idle_minutes: idleMinutes,
    });
    return r ?? null;
  }

  async touch(id: string): Promise<void> {
    await this.db.write("write/session-touch", { id });
  }

  async delete(id: string): Promise<void> {
    await this.db.write("write/session-delete", { id });
  }

  async deleteForUser(userId: string, keep: string | null = null): Promise<number> {
    const [r] = await this.db.write<{ deleted: number }>("write/session-delete-for-user", { user_id: userId, keep });
    return r?.deleted ?? 0;
  }

  async deleteExpired(idleMinutes: number): Promise<number> {
    const [r] = await this.db.write<{ deleted: number }>("write/session-delete-expired", { idle_minutes: idleMinutes });
    return r?.deleted ?? 0;
  }
}
