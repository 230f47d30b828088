/**
 * API shapes: audit
 * =================
 *
 * Audit entries as stored and listed, and what chain verification answers. Plain types, shared by server
 * and client.
 */

export type AuditOutcome = "ok" | "denied" | "failed";

export interface AuditEntry {
  v: number;
  seq: number;
  id: string;
  /** ISO-8601 UTC with milliseconds (`Date.prototype.toISOString`). */
  at: string;
  action: string;
  outcome: AuditOutcome;
  actor: { id: string; username: string; role: string } | null;
  ip: string;
  user_agent: string;
  request_id: string;
  target: { type: string; id: string } | null;
  details: Record<string, unknown>;
  prev_hash: string;
  hash: string;
}

export interface ChainBreak {
  seq: number;
  id: string;
  at: string;
  reason: string;
}

export interface VerifyResult {
  ok: boolean;
  entries: number;
  head: { seq: number | null; hash: string | null };
  firstBreak: ChainBreak | null;
  /** Fingerprint of the chain key used, or null when none was available. */
  key: string | null;
  seconds: number;
}
