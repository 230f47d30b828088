/**
 * Audit sequencer
 * ===============
 *
 * Takes the audit append off the critical path of reads: entries are queued in memory (bounded) and one
 * loop per process writes whatever is queued as one batch, in one transaction, under the chain head's
 * lock (group commit). Order, gap-freedom and the keyed hash chain are those of single appends: the
 * batch is sealed after the head it read under the lock, one entry after another.
 *
 * Durability rule (the caller picks per entry):
 * - a read is answered once its entry is queued (`enqueue`); the entry is committed within a batch or
 *   two (milliseconds) unless the database is down, in which case it stays queued and is retried;
 * - a write, an export or anything else that changes state is answered only once its entry is committed
 *   (`commit`); when the database refuses the batch, the caller fails, and the entry stays queued.
 * An entry in the queue is lost only if the process dies before it is written: at most the reads of the
 * last batch interval, never a write's record.
 *
 * Several server processes: each runs its own sequencer, and the chain head's write lock in Neo4j makes
 * one of them the sequencer for the length of one batch transaction (the role moves with the lock); a
 * batch seals after whatever head it finds, so the chain stays one total order without a leader to elect
 * or fail over.
 *
 * Bounded queue: when `maxQueue` entries are waiting, new ones wait up to `queueWaitMs` for room and are
 * then refused (503), so a stalled database slows requests down instead of growing memory without end.
 */
import type { Logger } from "../logger.js";
import { AppError } from "../common/errors.js";
import type { UnsealedEntry } from "./chain.js";
import type { AuditEntry } from "../common/api/audit.js";

export class AuditBackpressureError extends AppError {
  constructor() {
    super("the audit trail is behind; try again in a moment", "audit_unavailable", 503);
  }
}

export interface BatchWriter {
  /** Seals and writes `entries` in order after the current head, in one transaction. */
  appendBatch(entries: UnsealedEntry[]): Promise<AuditEntry[]>;
}

export interface SequencerOptions {
  maxQueue: number;
  maxBatch: number;
  queueWaitMs: number;
  log: Logger;
}

interface Pending {
  entry: UnsealedEntry;
  resolve?: (e: AuditEntry) => void;
  reject?: (err: unknown) => void;
}

export class AuditSequencer {
  private queue: Pending[] = [];
  private draining: Promise<void> | null = null;
  private roomWaiters: (() => void)[] = [];
  private failures = 0;
  private stopped = false;
  /** Batches written and entries in them, for logs and benchmarks. */
  readonly stats = { batches: 0, entries: 0, largestBatch: 0, failedBatches: 0 };

  constructor(
    private readonly writer: BatchWriter,
    private readonly opts: SequencerOptions,
  ) {}

  get queued(): number {
    return this.queue.length;
  }

  /** Queues an entry (a read's record): resolves once it is queued, not written. */
  async enqueue(entry: UnsealedEntry): Promise<void> {
    await this.room();
    this.queue.push({ entry });
    this.kick();
  }

  /** Queues an entry and resolves with it sealed once it is committed (a write's record). */
  async commit(entry: UnsealedEntry): Promise<AuditEntry> {
    await this.room();
    const sealed = new Promise<AuditEntry>((resolve, reject) => this.queue.push({ entry, resolve, reject }));
    this.kick();
    return sealed;
  }

  /** Resolves once everything queued before the call is committed (auditors' reads, shutdown, tests). */
  async flush(): Promise<void> {
    while (this.queue.length || this.draining) {
      this.kick();
      await this.draining;
      if (this.queue.length && this.failures) throw new AuditBackpressureError();
    }
  }

  /** Writes what is queued, then refuses new entries. */
  async stop(): Promise<void> {
    try {
      await this.flush();
    } finally {
      this.stopped = true;
    }
  }

  private async room(): Promise<void> {
    if (this.stopped) throw new AppError("the server is shutting down", "shutting_down", 503);
    if (this.queue.length < this.opts.maxQueue) return;
    const ok = await new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), this.opts.queueWaitMs);
      this.roomWaiters.push(() => {
        clearTimeout(timer);
        resolve(true);
      });
    });
    if (!ok || this.queue.length >= this.opts.maxQueue) throw new AuditBackpressureError();
  }

  private kick(): void {
    if (this.draining || !this.queue.length) return;
    this.draining = this.drain().finally(() => {
      this.draining = null;
      // Entries queued after a failed batch wait for the back-off; entries queued meanwhile get a new loop.
      if (this.queue.length && !this.failures) this.kick();
    });
  }

  private async drain(): Promise<void> {
    while (this.queue.length) {
      const batch = this.queue.slice(0, this.opts.maxBatch);
      try {
        const sealed = await this.writer.appendBatch(batch.map((p) => p.entry));
        this.queue.splice(0, batch.length);
        this.failures = 0;
        this.stats.batches++;
        this.stats.entries += batch.length;
        this.stats.largestBatch = Math.max(this.stats.largestBatch, batch.length);
        batch.forEach((p, i) => p.resolve?.(sealed[i]!));
      } catch (err) {
        // Nothing is dropped: the batch stays at the front and is retried after a back-off. Writers
        // waiting on it fail now (their request answers 503) rather than hang while the database is away.
        this.failures++;
        this.stats.failedBatches++;
        this.opts.log.error({ err, queued: this.queue.length }, "audit: could not write a batch; retrying");
        for (const p of batch) {
          p.reject?.(err);
          delete p.resolve;
          delete p.reject;
        }
        const wait = Math.min(5000, 100 * 2 ** Math.min(this.failures, 6));
        setTimeout(() => {
          this.failures = 0;
          this.kick();
        }, wait).unref();
        return;
      } finally {
        while (this.roomWaiters.length && this.queue.length < this.opts.maxQueue) this.roomWaiters.shift()!();
      }
    }
  }
}
