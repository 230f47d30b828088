/**
 * Audit hash chain
 * ================
 *
 * Pure functions over audit entries. Each entry's `hash` is the HMAC-SHA256, under the chain key kept
 * outside the database (chain-key.ts), of its canonical JSON without the hash itself (chain version 2;
 * version 1 entries, written before the chain was keyed, used plain SHA-256); `prev_hash` is the hash of
 * the entry before (64 zeros for the first). Changing, deleting or inserting an entry therefore breaks
 * the chain at that entry, the head (last seq and hash, kept beside the entries) catches truncation at
 * the end, and without the key nobody can recompute the hashes after a change.
 */
import crypto from "node:crypto";

import type { AuditOutcome, AuditEntry, ChainBreak } from "../common/api/audit.js";
import { canonicalJson } from "./canonical-json.js";

export const GENESIS_HASH = "0".repeat(64);
/** Version of entries sealed now: 2 = keyed (HMAC-SHA256); 1 = legacy, plain SHA-256. */
export const CHAIN_VERSION = 2;
export const LEGACY_CHAIN_VERSION = 1;

export type UnsealedEntry = Omit<AuditEntry, "seq" | "prev_hash" | "hash" | "v">;

/** The entry's hash as its version defines it; null when a keyed entry meets no key. */
export function hashEntry(entry: Omit<AuditEntry, "hash">, key: Buffer | null): string | null {
  const text = canonicalJson(entry);
  if (entry.v === LEGACY_CHAIN_VERSION) return crypto.createHash("sha256").update(text, "utf8").digest("hex");
  if (!key) return null;
  return crypto.createHmac("sha256", key).update(text, "utf8").digest("hex");
}

/** Links an entry after the given head, keyed. */
export function sealEntry(entry: UnsealedEntry, head: { seq: number; hash: string }, key: Buffer): AuditEntry {
  const linked = { v: CHAIN_VERSION, ...entry, seq: head.seq + 1, prev_hash: head.hash };
  return { ...linked, hash: hashEntry(linked, key)! };
}

/** Flat properties for Neo4j (no nested maps there); details travel as canonical JSON text. */
export function toProps(e: AuditEntry): Record<string, unknown> {
  return {
    v: e.v,
    seq: e.seq,
    id: e.id,
    at: e.at,
    action: e.action,
    outcome: e.outcome,
    actor_id: e.actor?.id ?? null,
    actor_name: e.actor?.username ?? null,
    actor_role: e.actor?.role ?? null,
    ip: e.ip,
    user_agent: e.user_agent,
    request_id: e.request_id,
    target_type: e.target?.type ?? null,
    target_id: e.target?.id ?? null,
    details_json: canonicalJson(e.details),
    prev_hash: e.prev_hash,
    hash: e.hash,
  };
}

export function fromProps(p: Record<string, unknown>): AuditEntry {
  const str = (k: string) => (p[k] === null || p[k] === undefined ? "" : String(p[k]));
  let details: Record<string, unknown>;
  try {
    details = JSON.parse(str("details_json") || "{}");
  } catch {
    details = { unparseable_details_json: str("details_json") };
  }
  return {
    v: Number(p.v ?? LEGACY_CHAIN_VERSION),
    seq: Number(p.seq),
    id: str("id"),
    at: str("at"),
    action: str("action"),
    outcome: str("outcome") as AuditOutcome,
    actor: p.actor_id == null ? null : { id: str("actor_id"), username: str("actor_name"), role: str("actor_role") },
    ip: str("ip"),
    user_agent: str("user_agent"),
    request_id: str("request_id"),
    target: p.target_type == null ? null : { type: str("target_type"), id: str("target_id") },
    details,
    prev_hash: str("prev_hash"),
    hash: str("hash"),
  };
}

export interface VerifyKey {
  /** The chain key; null checks only legacy entries (a keyed entry then fails, as unverifiable). */
  key: Buffer | null;
  /** Entries up to this seq may be legacy (unkeyed); later ones must be keyed. */
  legacyUntilSeq: number | null;
}

/**
 * Checks entries one at a time, in seq order, so a chain of any length verifies in constant memory.
 * `finish` compares the last entry with the head.
 */
export class ChainVerifier {
  private prev = { seq: 0, hash: GENESIS_HASH };
  private broken: ChainBreak | null = null;
  count = 0;

  constructor(private readonly keying: VerifyKey) {}

  get firstBreak(): ChainBreak | null {
    return this.broken;
  }

  push(e: AuditEntry): void {
    this.count++;
    if (this.broken) return;
    const fail = (reason: string) => (this.broken = { seq: e.seq, id: e.id, at: e.at, reason });
    const { hash, ...rest } = e;
    if (e.seq !== this.prev.seq + 1)
      return void fail(
        e.seq > this.prev.seq + 1
          ? `entries ${this.prev.seq + 1}..${e.seq - 1} are missing before this entry`
          : `sequence number ${e.seq} repeats or goes back after ${this.prev.seq}`,
      );
    if (e.prev_hash !== this.prev.hash)
      return void fail(
        this.prev.seq === 0
          ? "the first entry does not start from the genesis hash"
          : `prev_hash does not match the hash of entry ${this.prev.seq} (an entry was changed, removed or inserted)`,
      );
    if (e.v === LEGACY_CHAIN_VERSION && e.seq > (this.keying.legacyUntilSeq ?? 0))
      return void fail(
        "an unkeyed (version 1) entry after the chain was keyed: it was rewritten by someone without the chain key",
      );
    if (e.v !== LEGACY_CHAIN_VERSION && e.v !== CHAIN_VERSION) return void fail(`unknown chain version ${e.v}`);
    const expected = hashEntry(rest, this.keying.key);
    if (expected === null) return void fail("the entry is keyed but the chain key is not available here");
    if (expected !== hash)
      return void fail(
        "the entry's content does not match its hash (it was changed after it was written, or rewritten without the chain key)",
      );
    this.prev = { seq: e.seq, hash };
  }

  /** Compares the end of the chain with the head written by the last append. */
  finish(head: { seq: number | null; hash: string | null }): ChainBreak | null {
    if (this.broken) return this.broken;
    const headSeq = head.seq ?? 0;
    if (headSeq !== this.prev.seq)
      this.broken = {
        seq: this.prev.seq + 1,
        id: "",
        at: "",
        reason:
          headSeq > this.prev.seq
            ? `the chain ends at entry ${this.prev.seq} but the head says ${headSeq} entries were written (entries removed from the end)`
            : `the chain has ${this.prev.seq} entries but the head says ${headSeq}`,
      };
    else if ((head.hash ?? GENESIS_HASH) !== this.prev.hash)
      this.broken = {
        seq: this.prev.seq,
        id: "",
        at: "",
        reason: "the last entry's hash does not match the chain head",
      };
    return this.broken;
  }
}

/** Verifies a whole list (tests, small chains). */
export function verifyEntries(
  entries: AuditEntry[],
  head: { seq: number | null; hash: string | null },
  keying: VerifyKey,
): ChainBreak | null {
  const v = new ChainVerifier(keying);
  for (const e of entries) v.push(e);
  return v.finish(head);
}
