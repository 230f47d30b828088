/**
 * Audit service
 * =============
 *
 * Records who did what, when and from where (append-only, keyed hash chain, in Neo4j), lists entries
 * for auditors, and verifies the chain. Entries go through the sequencer (group commit, sequencer.ts):
 * `record` (writes, exports, sign-ins) resolves once the entry is committed, so an action whose record
 * cannot be written fails rather than going unrecorded; `recordRead` (views, searches, lists) resolves
 * once the entry is queued, so reads do not wait for one another on the chain head.
 */
import crypto from "node:crypto";

import type { Logger } from "../logger.js";
import type { AuditOutcome, AuditEntry, VerifyResult } from "../common/api/audit.js";
import type { Actor } from "./actor.js";
import type { AuditFilters, AuditRepository } from "./audit.repository.js";
import { canonicalJson } from "./canonical-json.js";
import type { ChainKey } from "./chain-key.js";
import { ChainVerifier, type UnsealedEntry } from "./chain.js";
import { AuditSequencer } from "./sequencer.js";

/** Details larger than this (canonical JSON) are replaced by their size and SHA-256. */
const MAX_DETAILS_CHARS = 64_000;

export interface AuditEvent {
  action: string;
  outcome?: AuditOutcome;
  target?: { type: string; id: string } | null;
  details?: Record<string, unknown>;
  /** The user name when there is no principal (a failed sign-in names who was tried). */
  username?: string;
}

export interface AuditServiceOptions {
  log: Logger;
  /** The chain key for verification; null when this process has none (verification of keyed entries fails). */
  chainKey: () => Promise<ChainKey | null>;
  maxQueue?: number;
  maxBatch?: number;
  queueWaitMs?: number;
}

export class AuditService {
  readonly sequencer: AuditSequencer;

  constructor(
    private readonly repo: AuditRepository,
    private readonly opts: AuditServiceOptions,
  ) {
    this.sequencer = new AuditSequencer(repo, {
      maxQueue: opts.maxQueue ?? 10_000,
      maxBatch: opts.maxBatch ?? 500,
      queueWaitMs: opts.queueWaitMs ?? 2_000,
      log: opts.log,
    });
  }

  /** Records an action and resolves once its entry is committed (writes, exports, sign-ins). */
  record(actor: Actor, event: AuditEvent): Promise<AuditEntry> {
    return this.sequencer.commit(this.entry(actor, event));
  }

  /** Records a read and resolves once its entry is queued; it is committed in the next batch. */
  recordRead(actor: Actor, event: AuditEvent): Promise<void> {
    return this.sequencer.enqueue(this.entry(actor, event));
  }

  /** Resolves once every entry queued so far is committed. */
  flush(): Promise<void> {
    return this.sequencer.flush();
  }

  /** Writes what is queued and refuses more (shutdown). */
  stop(): Promise<void> {
    return this.sequencer.stop();
  }

  private entry(actor: Actor, event: AuditEvent): UnsealedEntry {
    const p = actor.principal;
    let details = event.details ?? {};
    const text = canonicalJson(details);
    if (text.length > MAX_DETAILS_CHARS)
      details = {
        truncated: true,
        chars: text.length,
        sha256: crypto.createHash("sha256").update(text, "utf8").digest("hex"),
      };
    return {
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
      details,
    };
  }

  /** Auditors see everything recorded before their request: the queue is written first. */
  async list(filters: AuditFilters, limit: number, offset: number): Promise<{ total: number; entries: AuditEntry[] }> {
    await this.flush();
    return this.repo.list(filters, limit, offset);
  }

  /** Walks the whole chain in order and names the first entry that breaks it. */
  async verify(): Promise<VerifyResult> {
    const t0 = performance.now();
    await this.flush().catch(() => undefined);
    const key = await this.opts.chainKey();
    // Read the head first: entries appended while we stream only extend the chain past it.
    const head = await this.repo.head();
    const v = new ChainVerifier({ key: key?.key ?? null, legacyUntilSeq: key?.legacyUntilSeq ?? null });
    for await (const e of this.repo.all()) {
      if (head.seq !== null && e.seq > head.seq) break;
      v.push(e);
      if (v.firstBreak) break;
    }
    const firstBreak = v.finish(head);
    return {
      ok: !firstBreak,
      entries: v.count,
      head,
      firstBreak,
      key: key?.fingerprint ?? null,
      seconds: (performance.now() - t0) / 1000,
    };
  }
}
