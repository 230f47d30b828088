/**
 * Service-token repository
 * ========================
 *
 * Tokens for scheduled jobs and scripts: scoped, revocable, stored as the SHA-256 of the secret.
 *
 * A live token read by its hash is kept in memory for `cacheMs` (config TOKEN_CACHE_SECONDS, 5 s), so an
 * applicant-tracking system screening at its form's pace costs no database read per request for its
 * token. `revoke` drops the token from memory at once; its expiry is checked on every use; a revocation
 * made by another process is honoured when the kept copy runs out.
 */
import type { Database } from "../db/database.js";
import { defineQueries } from "../db/queries.js";
import type { ServiceToken, TokenScope } from "../common/users.js";

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

/** A live token as authentication needs it. */
export interface LiveToken {
  id: string;
  name: string;
  scopes: string[];
  last_used_at: string | null;
  created_by: string | null;
  expires_at: string | null;
}

/** At most this many tokens are kept; beyond it the oldest kept one is dropped. */
const MAX_KEPT = 10_000;

export class TokenRepository {
  private readonly kept = new Map<string, { token: LiveToken; until: number }>();
  /** Bumped by every revocation: a read that was under way meanwhile is not kept. */
  private revocations = 0;

  constructor(
    private readonly db: Database,
    private readonly cacheMs = 0,
  ) {}

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
    this.revocations++;
    this.drop(id);
    const [r] = await this.db.write<{ token: Props }>("write/token-revoke", { id, by });
    this.revocations++;
    return r ? toToken(r.token) : null;
  }

  /** The live (not revoked, not expired) token with this secret hash, or null. */
  async byHash(tokenHash: string): Promise<LiveToken | null> {
    const now = Date.now();
    const k = this.kept.get(tokenHash);
    if (k && k.until > now && !(k.token.expires_at && Date.parse(k.token.expires_at) <= now)) return k.token;
    if (k) this.kept.delete(tokenHash);
    const revocations = this.revocations;
    const [r] = await this.db.read<{ token: LiveToken }>("read/token-by-hash", { token_hash: tokenHash });
    const token = r ? { ...r.token, expires_at: r.token.expires_at ?? null } : null;
    if (token && this.cacheMs > 0 && revocations === this.revocations) {
      if (this.kept.size >= MAX_KEPT) this.kept.delete(this.kept.keys().next().value!);
      this.kept.set(tokenHash, { token, until: now + this.cacheMs });
    }
    return token;
  }

  async touch(id: string): Promise<void> {
    await this.db.write("write/token-touch", { id });
    const at = new Date().toISOString();
    for (const k of this.kept.values()) if (k.token.id === id) k.token.last_used_at = at;
  }

  private drop(id: string): void {
    for (const [hash, k] of this.kept) if (k.token.id === id) this.kept.delete(hash);
  }

  async list(): Promise<ServiceToken[]> {
    const rows = await this.db.read<{ token: Props }>("read/token-list");
    return rows.map((r) => toToken(r.token));
  }
}
