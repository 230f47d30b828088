/**
 * Watchlist repository
 * ====================
 *
 * Watchlist entries in Neo4j (`:WatchlistEntry`, keyed by id, indexed by ref), the identifiers of
 * confirmed rings that feed its automatic part, and the applications touching it.
 */
import type { Database, TxRunner } from "../db/database.js";
import { defineQueries } from "../db/queries.js";
import type { WatchlistEntry } from "../common/api/watchlist.js";

defineQueries([
  "read/watchlist-hits",
  "read/watchlist-list",
  "read/watchlist-confirmed-identifiers",
  "read/watchlist-applications",
  "write/watchlist-add",
  "write/watchlist-remove",
  "write/watchlist-auto-prune",
  "write/watchlist-auto-upsert",
] as const);

export interface ConfirmedIdentifier {
  cluster_id: string;
  verdict_by: string | null;
  label: string;
  key: string;
  uses: number;
}

export interface AutoEntry {
  id: string;
  ref: string;
  kind: string;
  key: string;
  cluster_id: string;
  reason: string;
  added_by: string | null;
}

export class WatchlistRepository {
  constructor(private readonly db: Database) {}

  /** Active entries for these refs; inside a transaction when `tx` is given (ingest's batch). */
  async hits(refs: string[], tx?: TxRunner): Promise<WatchlistEntry[]> {
    if (!refs.length) return [];
    const rows = tx
      ? await tx.run<{ entry: WatchlistEntry }>("read/watchlist-hits", { refs })
      : await this.db.read<{ entry: WatchlistEntry }>("read/watchlist-hits", { refs });
    return rows.map((r) => r.entry);
  }

  async list(p: {
    active: boolean;
    limit: number;
    offset: number;
  }): Promise<{ total: number; entries: WatchlistEntry[] }> {
    const [r] = await this.db.read<{ total: number; entries: WatchlistEntry[] }>("read/watchlist-list", p);
    return r ?? { total: 0, entries: [] };
  }

  async add(e: {
    id: string;
    ref: string;
    kind: string;
    key: string;
    reason: string;
    added_by: string;
    expires_at: string | null;
  }): Promise<WatchlistEntry> {
    const [r] = await this.db.write<{ entry: WatchlistEntry }>("write/watchlist-add", e);
    if (!r) throw new Error("watchlist: the entry was not written");
    return r.entry;
  }

  async remove(id: string): Promise<WatchlistEntry | null> {
    const [r] = await this.db.write<{ entry: WatchlistEntry }>("write/watchlist-remove", { id });
    return r?.entry ?? null;
  }

  async confirmedIdentifiers(): Promise<ConfirmedIdentifier[]> {
    return this.db.read<ConfirmedIdentifier>("read/watchlist-confirmed-identifiers");
  }

  /** Replaces the automatic entries with `entries`, in one transaction. */
  async replaceAuto(entries: AutoEntry[]): Promise<{ removed: number; written: number }> {
    return this.db.writeTx(async (tx) => {
      const [p] = await tx.run<{ removed: number }>("write/watchlist-auto-prune", { ids: entries.map((e) => e.id) });
      let written = 0;
      for (let i = 0; i < entries.length; i += 5000) {
        const [w] = await tx.run<{ written: number }>("write/watchlist-auto-upsert", {
          entries: entries.slice(i, i + 5000),
        });
        written += w?.written ?? 0;
      }
      return { removed: p?.removed ?? 0, written };
    });
  }

  /** Application id → watchlisted refs it uses (members of the ring an automatic entry came from excepted). */
  async touchingApplications(): Promise<Map<string, string[]>> {
    const rows = await this.db.read<{ application_id: string; refs: string[] }>("read/watchlist-applications");
    return new Map(rows.map((r) => [r.application_id, r.refs]));
  }
}
