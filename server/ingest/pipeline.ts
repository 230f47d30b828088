/**
 * Ingest pipeline
 * ===============
 *
 * Reads raw records, validates and normalises each, and writes them in batches of UNWIND rows inside
 * explicit transactions. Parsing the next batch overlaps with writing the previous one. Bad records go
 * to the reject sink with their line and reason, whether the contract or Neo4j refuses them
 * (safe-write.ts splits a refused batch down to the record at fault); the file always goes on. Only a
 * database that stays away stops it.
 */
import type { IngestRepository } from "./ingest.repository.js";
import type { RawRecord } from "./readers.js";
import { normaliseRecord } from "./record.js";
import type { RejectSink } from "./rejects.js";
import { writeSafely, type PendingRecord, type SafeWriteOptions } from "./safe-write.js";

export interface IngestSummary {
  read: number;
  accepted: number;
  rejected: number;
  /** Records that carried fields outside the contract, and how often each such field appeared. */
  unknownFields: Record<string, number>;
  seconds: number;
  recordsPerSecond: number;
}

export interface IngestOptions {
  batchSize: number;
  rejects: RejectSink;
  /** Name reported in rejects (the file path for the CLI). */
  sourceName?: string;
  /** Batches written at once (default 2). */
  concurrency?: number;
  onProgress?: (s: { read: number; accepted: number; rejected: number }) => void;
  /** Retry budget and retry reports for transient database failures (safe-write.ts). */
  retry?: Pick<SafeWriteOptions, "retrySeconds" | "onRetry">;
}

/** Longer input texts are not held for a possible reject; the record's contract fields stand in for them. */
const MAX_HELD_TEXT = 16 * 1024;

export function emptySummary(): IngestSummary {
  return { read: 0, accepted: 0, rejected: 0, unknownFields: {}, seconds: 0, recordsPerSecond: 0 };
}

export async function ingestRecords(
  repo: IngestRepository,
  records: AsyncIterable<RawRecord>,
  opts: IngestOptions,
): Promise<IngestSummary> {
  const started = performance.now();
  const summary = emptySummary();
  // Within a batch the last record for an id is written; the versions it replaced are held (and
  // count towards the batch size) in case Neo4j refuses it, so that the one before it then stands.
  let batch = new Map<string, PendingRecord>();
  let held = 0;
  // Up to `concurrency` batches are written at once (Neo4j uses both cores while the next batch is
  // parsed); a batch that shares an id with one in flight waits for it, keeping file order.
  const inFlight = new Set<{ ids: Set<string>; done: Promise<void> }>();
  const concurrency = opts.concurrency ?? 2;
  const write = (apps: Parameters<IngestRepository["writeBatch"]>[0]) => repo.writeBatch(apps);

  const flush = async () => {
    if (batch.size === 0) return;
    const records = [...batch.values()];
    const ids = new Set(batch.keys());
    batch = new Map();
    held = 0;
    for (const w of [...inFlight]) if ([...ids].some((id) => w.ids.has(id))) await w.done;
    while (inFlight.size >= concurrency) await Promise.race([...inFlight].map((w) => w.done));
    const entry = { ids, done: Promise.resolve() };
    entry.done = writeSafely(write, records, opts.retry)
      .then((refused) => {
        for (const { record, reason } of refused) {
          summary.accepted--;
          summary.rejected++;
          opts.rejects.add({ ...source, line: record.line, reason, text: record.text });
        }
      })
      // Kept, not thrown here: the reading loop stops at its next batch and rethrows it.
      .catch((err: unknown) => {
        stopped ??= { err };
      })
      .finally(() => inFlight.delete(entry));
    inFlight.add(entry);
  };
  const source = opts.sourceName ? { file: opts.sourceName } : {};
  let stopped = null as { err: unknown } | null;

  try {
    for await (const raw of records) {
      summary.read++;
      const result = raw.error ? { ok: false as const, reason: raw.error } : normaliseRecord(raw.value);
      if (!result.ok) {
        summary.rejected++;
        opts.rejects.add({ ...source, line: raw.line, reason: result.reason, text: raw.text });
        continue;
      }
      summary.accepted++;
      for (const f of result.unknownFields) summary.unknownFields[f] = (summary.unknownFields[f] ?? 0) + 1;
      const { application } = result;
      const earlier = batch.get(application.id);
      batch.delete(application.id);
      const text = raw.text.length <= MAX_HELD_TEXT ? raw.text : String(application.props.raw_json);
      batch.set(application.id, { app: application, line: raw.line, text, ...(earlier ? { earlier } : {}) });
      if (++held >= opts.batchSize) {
        if (stopped) break;
        await flush();
        opts.onProgress?.(summary);
      }
    }
    if (!stopped) await flush();
  } finally {
    // Whatever happens, the batches in flight finish (or fail) before the ingest reports.
    await Promise.all([...inFlight].map((w) => w.done));
  }
  if (stopped) throw stopped.err;
  summary.seconds = (performance.now() - started) / 1000;
  summary.recordsPerSecond = summary.seconds > 0 ? Math.round(summary.read / summary.seconds) : summary.read;
  return summary;
}

/** Adds one file's summary into a running total. */
export function addSummaries(a: IngestSummary, b: IngestSummary): IngestSummary {
  const unknownFields = { ...a.unknownFields };
  for (const [k, v] of Object.entries(b.unknownFields)) unknownFields[k] = (unknownFields[k] ?? 0) + v;
  const seconds = a.seconds + b.seconds;
  const read = a.read + b.read;
  return {
    read,
    accepted: a.accepted + b.accepted,
    rejected: a.rejected + b.rejected,
    unknownFields,
    seconds,
    recordsPerSecond: seconds > 0 ? Math.round(read / seconds) : read,
  };
}
