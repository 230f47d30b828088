/**
 * Audit repository
 * ================
 *
 * Appends sealed entries under the chain head's lock (one transaction: lock, read head, seal, write) and
 * reads them back. There is deliberately no statement that changes or deletes an entry.
 */
import type { Database } from "../db/database.js";
import { defineQueries } from "../db/queries.js";
import { fromProps, GENESIS_HASH, sealEntry, toProps, type AuditEntry, type UnsealedEntry } from "./chain.js";

defineQueries([
  "write/audit-lock-head",
  "read/audit-head",
  "write/audit-append",
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
  constructor(private readonly db: Database) {}

  /** Seals `entry` after the current head and writes it; serialised with every other append. */
  async append(entry: UnsealedEntry): Promise<AuditEntry> {
    // The transaction function may be retried by the driver (deadlock, leader switch): it re-reads the head
    // each time, so a retry seals against the head it actually sees.
    return this.db.writeTx(async (tx) => {
      await tx.run("write/audit-lock-head", { chain: CHAIN, genesis: GENESIS_HASH });
      const [head] = await tx.run<{ seq: number; hash: string }>("read/audit-head", { chain: CHAIN });
      const sealed = sealEntry(entry, { seq: head!.seq, hash: head!.hash });
      const written = await tx.run("write/audit-append", { chain: CHAIN, entry: toProps(sealed) });
      if (written.length !== 1) throw new Error("audit: the chain head moved during an append");
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
