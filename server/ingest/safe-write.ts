/**
 * Writing a batch without losing good records
 * ===========================================
 *
 * Wraps the repository's batch write. A batch Neo4j refuses because of a value in it is split in two
 * and each half written again, down to the single record at fault, which becomes a reject with
 * Neo4j's reason; every other record is stored. A transient failure (deadlock, lost connection, a
 * server restarting) is not the records' fault: the same batch is retried with growing pauses, and
 * when the database stays away the ingest stops with an error rather than rejecting good records.
 * Writes are idempotent, so a retry after a commit whose answer was lost does no harm.
 */
import { classifyWriteError, type WriteFailure } from "../db/write-errors.js";
import { AppError } from "../common/errors.js";
import type { NormalisedApplication } from "./record.js";

export interface PendingRecord {
  app: NormalisedApplication;
  line: number;
  /** What a reject shows: the input text, or the record's contract fields when the text was long. */
  text: string;
  /** A version of the same id earlier in this batch, written instead if this one is refused. */
  earlier?: PendingRecord;
}

export interface RefusedRecord {
  record: PendingRecord;
  reason: string;
}

export interface SafeWriteOptions {
  /** How long transient failures of one batch are retried before the ingest stops (default 120 s). */
  retrySeconds?: number;
  /** Told about each retry, for logs. */
  onRetry?: (failure: WriteFailure, attempt: number, delayMs: number) => void;
  /** Injected for tests of the retry schedule; defaults to setTimeout. */
  sleep?: (ms: number) => Promise<void>;
}

/** The ingest cannot go on: the database is away or refuses writes for a reason that is not a record. */
export class IngestStoppedError extends AppError {
  constructor(
    message: string,
    readonly failure: WriteFailure,
  ) {
    super(
      message,
      failure.kind === "transient" ? "database_unavailable" : "ingest_stopped",
      failure.kind === "transient" ? 503 : 500,
    );
  }
}

const MAX_REASON = 600;
const defaultSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Pauses between retries of one batch: 0.5 s doubling to 15 s. */
export function backoffMs(attempt: number): number {
  return Math.min(15_000, 500 * 2 ** (attempt - 1));
}

export function refusalReason(f: WriteFailure): string {
  const text = `Neo4j refused the record: ${f.code}: ${f.message}`;
  return text.length > MAX_REASON ? `${text.slice(0, MAX_REASON - 1)}…` : text;
}

/**
 * Writes `records` through `write`, splitting on refusals; returns the records refused one by one.
 * Throws IngestStoppedError when the database stays unavailable or fails for a reason of its own.
 */
export async function writeSafely(
  write: (apps: NormalisedApplication[]) => Promise<void>,
  records: PendingRecord[],
  opts: SafeWriteOptions = {},
): Promise<RefusedRecord[]> {
  const refused: RefusedRecord[] = [];
  const budgetMs = (opts.retrySeconds ?? 120) * 1000;
  const sleep = opts.sleep ?? defaultSleep;

  const attempt = async (part: PendingRecord[]): Promise<void> => {
    let firstFailure = 0;
    for (let tries = 1; ; tries++) {
      let failure: WriteFailure;
      try {
        await write(part.map((r) => r.app));
        return;
      } catch (err) {
        failure = classifyWriteError(err);
      }
      if (failure.kind === "transient") {
        firstFailure ||= Date.now();
        const delay = backoffMs(tries);
        if (Date.now() + delay - firstFailure > budgetMs)
          throw new IngestStoppedError(
            `the database stayed unavailable for ${Math.round((Date.now() - firstFailure) / 1000)} s (${failure.code}: ${failure.message}); ingest stopped, records written so far are stored and re-ingesting is safe`,
            failure,
          );
        opts.onRetry?.(failure, tries, delay);
        await sleep(delay);
        continue;
      }
      if (failure.kind === "fatal")
        throw new IngestStoppedError(
          `the database refused a write for a reason that is not about the records (${failure.code}: ${failure.message}); ingest stopped`,
          failure,
        );
      if (part.length === 1) {
        const [record] = part as [PendingRecord];
        refused.push({ record, reason: refusalReason(failure) });
        // The last version of an id was refused: the one before it in this batch is the one that stands.
        if (record.earlier) await attempt([record.earlier]);
        return;
      }
      const mid = Math.ceil(part.length / 2);
      await attempt(part.slice(0, mid));
      await attempt(part.slice(mid));
      return;
    }
  };

  await attempt(records);
  return refused;
}
