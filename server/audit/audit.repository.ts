/**
 * Audit repository
 * ================
 *
 * Appends batches of entries under the chain head's lock (one transaction: lock, read head, seal each
 * entry after the one before with the chain key, write them all, move the head) and reads them back.
 * There is deliberately no statement that changes or deletes an entry.
 */
import type { Database } from "../db/database.js";
import { defineQueries } from "../db/queries.js";
import { fromProps, GENESIS_HASH, sealEntry, toProps, type UnsealedEntry } from "./chain.js";
import type { AuditEntry } from "../common/api/audit.js";

defineQueries([
  "write/audit-lock-head",
  "read/audit-head",
  "write/audit-append-batch",
  "read/audit-list",
  "read/audit-count",
  "read/audit-all",
] as const);

const CHAIN = "main";

export interface AuditFilters {
  actor: string | null;
  actions: string[] | null;
  target_type: string | null;
  target_id: string | null;
  outcome: string | null;
  ip: string | null;
  from: string | null;
  to: string | null;
}

export class AuditRepository {
  constructor(
    private readonly db: Database,
    /** The chain key (loaded once, on the first append; see chain-key.ts). */
    private readonly key: () => Promise<Buffer>,
  ) {}

  /**
   * Seals `entries` in order after the current head and writes them in one transaction; serialised with
   * every other append, in this process and in any other one, by the head's write lock.
   */
  async appendBatch(entries: UnsealedEntry[]): Promise<AuditEntry[]> {
    if (!entries.length) return [];
    const key = await this.key();
    // The transaction function may be retried by the driver (deadlock, leader switch): it re-reads the head
    // each time, so a retry seals against the head it actually sees.
    return this.db.writeTx(async (tx) => {
      await tx.run("write/audit-lock-head", { chain: CHAIN, genesis: GENESIS_HASH });
      const [head] = await tx.run<{ seq: number; hash: string }>("read/audit-head", { chain: CHAIN });
      const sealed: AuditEntry[] = [];
      let at = { seq: head!.seq, hash: head!.hash };
      for (const e of entries) {
        const s = sealEntry(e, at, key);
        sealed.push(s);
        at = { seq: s.seq, hash: s.hash };
      }
      const last = sealed[sealed.length - 1]!;
      const [r] = await tx.run<{ written: number }>("write/audit-append-batch", {
        chain: CHAIN,
        from_seq: head!.seq,
        from_hash: head!.hash,
        to_seq: last.seq,
        to_hash: last.hash,
        to_at: last.at,
        entries: sealed.map(toProps),
      });
      if (r?.written !== sealed.length) throw new Error("audit: the chain head moved during an append");
      return sealed;
    });
  }

  async list(filters: AuditFilters, limit: number, offset: number): Promise<{ total: number; entries: AuditEntry[] }> {
    const [rows, count] = await Promise.all([
      this.db.read<{ entry: Record<string, unknown> }>("read/audit-list", { ...filters, limit, offset }),
      this.db.read<{ total: number }>("read/audit-count", { ...filters }),
    ]);
    return { total: count[0]?.total ?? 0, entries: rows.map((r) => fromProps(r.entry)) };
  }

  async head(): Promise<{ seq: number | null; hash: string | null }> {
    const [r] = await this.db.read<{ seq: number | null; hash: string | null }>("read/audit-head", { chain: CHAIN });
    return { seq: r?.seq ?? null, hash: r?.hash ?? null };
  }

  /** Every entry in chain order, streamed. */
  async *all(): AsyncGenerator<AuditEntry> {
    for await (const r of this.db.stream<{ entry: Record<string, unknown> }>("read/audit-all"))
      yield fromProps(r.entry);
  }
}
