/**
 * Audit service
 * =============
 *
 * Records who did what, when and from where (append-only, hash-chained, in Neo4j), lists entries for
 * auditors, and verifies the chain. Recording is awaited by callers: an action whose record cannot be
 * written fails rather than going unrecorded.
 */
import crypto from "node:crypto";

import type { AuditOutcome } from "./actions.js";
import type { Actor } from "./actor.js";
import type { AuditFilters, AuditRepository } from "./audit.repository.js";
import { ChainVerifier, type AuditEntry, type ChainBreak } from "./chain.js";

export interface AuditEvent {
  action: string;
  outcome?: AuditOutcome;
  target?: { type: string; id: string } | null;
  details?: Record<string, unknown>;
  /** The user name when there is no principal (a failed sign-in names who was tried). */
  username?: string;
}

export interface VerifyResult {
  ok: boolean;
  entries: number;
  head: { seq: number | null; hash: string | null };
  firstBreak: ChainBreak | null;
  seconds: number;
}

export class AuditService {
  constructor(private readonly repo: AuditRepository) {}

  async record(actor: Actor, event: AuditEvent): Promise<AuditEntry> {
    const p = actor.principal;
    return this.repo.append({
      id: crypto.randomUUID(),
      at: new Date().toISOString(),
      action: event.action,
      outcome: event.outcome ?? "ok",
      actor: p
        ? { id: p.id, username: p.username, role: p.role }
        : event.username
          ? { id: "", username: event.username, role: "" }
          : null,
      ip: actor.ip,
      user_agent: actor.userAgent.slice(0, 300),
      request_id: actor.requestId,
      target: event.target ?? null,
      details: event.details ?? {},
    });
  }

  list(filters: AuditFilters, limit: number, offset: number): Promise<{ total: number; entries: AuditEntry[] }> {
    return this.repo.list(filters, limit, offset);
  }

  /** Walks the whole chain in order and names the first entry that breaks it. */
  async verify(): Promise<VerifyResult> {
    const t0 = performance.now();
    // Read the head first: entries appended while we stream only extend the chain past it.
    const head = await this.repo.head();
    const v = new ChainVerifier();
    for await (const e of this.repo.all()) {
      if (head.seq !== null && e.seq > head.seq) break;
      v.push(e);
      if (v.firstBreak) break;
    }
    const firstBreak = v.finish(head);
    return { ok: !firstBreak, entries: v.count, head, firstBreak, seconds: (performance.now() - t0) / 1000 };
  }
}
