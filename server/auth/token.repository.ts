/**
 * Service-token repository
 * ========================
 *
 * Tokens for scheduled jobs and scripts: scoped, revocable, stored as the SHA-256 of the secret.
 */
import type { Database } from "../db/database.js";
import { defineQueries } from "../db/queries.js";
import type { ServiceToken, TokenScope } from "./types.js";

defineQueries([
  "write/token-create",
  "write/token-revoke",
  "write/token-touch",
  "read/token-by-hash",
  "read/token-list",
] as const);

type Props = Record<string, unknown>;

function toToken(p: Props): ServiceToken {
  return {
    id: String(p.id),
    name: String(p.name),
    scopes: (p.scopes as TokenScope[] | undefined) ?? [],
    prefix: String(p.prefix ?? ""),
    created_at: String(p.created_at ?? ""),
    created_by: String(p.created_by ?? ""),
    expires_at: (p.expires_at as string | undefined) ?? null,
    revoked_at: (p.revoked_at as string | undefined) ?? null,
    revoked_by: (p.revoked_by as string | undefined) ?? null,
    last_used_at: (p.last_used_at as string | undefined) ?? null,
  };
}

export class TokenRepository {
  constructor(private readonly db: Database) {}

  async create(t: {
    id: string;
    name: string;
    scopes: TokenScope[];
    tokenHash: string;
    prefix: string;
    createdBy: string;
    expiresDays: number | null;
  }): Promise<ServiceToken> {
    const [r] = await this.db.write<{ token: Props }>("write/token-create", {
      token: {
        id: t.id,
        name: t.name,
        scopes: t.scopes,
        token_hash: t.tokenHash,
        prefix: t.prefix,
        created_by: t.createdBy,
      },
      expires_days: t.expiresDays,
    });
    return toToken(r!.token);
  }

  async revoke(id: string, by: string): Promise<ServiceToken | null> {
    const [r] = await this.db.write<{ token: Props }>("write/token-revoke", { id, by });
    return r ? toToken(r.token) : null;
  }

  async byHash(tokenHash: string): Promise<{
    id: string;
    name: string;
    scopes: string[];
    last_used_at: string | null;
    created_by: string | null;
  } | null> {
    const [r] = await this.db.read<{
      token: { id: string; name: string; scopes: string[]; last_used_at: string | null; created_by: string | null };
    }>("read/token-by-hash", { token_hash: tokenHash });
    return r?.token ?? null;
  }

  async touch(id: string): Promise<void> {
    await this.db.write("write/token-touch", { id });
  }

  async list(): Promise<ServiceToken[]> {
    const rows = await this.db.read<{ token: Props }>("read/token-list");
    return rows.map((r) => toToken(r.token));
  }
}
