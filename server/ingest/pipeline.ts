/**
 * Ingest pipeline
 * ===============
 *
 * Reads raw records, validates and normalises each, and writes them in batches of UNWIND rows inside
 * explicit transactions. Parsing the next batch overlaps with writing the previous one. Bad records go
 * to the reject sink with their line and reason; the file always goes on.
 */
import type { ApplicationRepository } from "../db/application.repository.js";
import type { RawRecord } from "./readers.js";
import { normaliseRecord, type NormalisedApplication } from "./record.js";
import type { RejectSink } from "./rejects.js";

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
}

export function emptySummary(): IngestSummary {
  return { read: 0, accepted: 0, rejected: 0, unknownFields: {}, seconds: 0, recordsPerSecond: 0 };
}

export async function ingestRecords(
  repo: ApplicationRepository,
  records: AsyncIterable<RawRecord>,
  opts: IngestOptions,
): Promise<IngestSummary> {
  const started = performance.now();
  const summary = emptySummary();
  // Within a batch the last record for an id wins, as it would across batches.
  let batch = new Map<string, NormalisedApplication>();
  // Up to `concurrency` batches are written at once (Neo4j uses both cores while the next batch is
  // parsed); a batch that shares an id with one still in flight waits for it, keeping file order.
  const inFlight = new Set<{ ids: Set<string>; done: Promise<void> }>();
  const concurrency = opts.concurrency ?? 2;

  const flush = async () => {
    if (batch.size === 0) return;
    const apps = [...batch.values()];
    const ids = new Set(batch.keys());
    batch = new Map();
    for (const w of [...inFlight]) if ([...ids].some((id) => w.ids.has(id))) await w.done;
    while (inFlight.size >= concurrency) await Promise.race([...inFlight].map((w) => w.done));
    const entry = { ids, done: Promise.resolve() };
    entry.done = repo.writeBatch(apps).finally(() => inFlight.delete(entry));
    // Observed here so a failure is not reported as unhandled while the next batch is parsed; awaited below.
    entry.done.catch(() => undefined);
    inFlight.add(entry);
  };

  for await (const raw of records) {
    summary.read++;
    const result = raw.error ? { ok: false as const, reason: raw.error } : normaliseRecord(raw.value);
    if (!result.ok) {
      summary.rejected++;
      opts.rejects.add({
        ...(opts.sourceName ? { file: opts.sourceName } : {}),
        line: raw.line,
        reason: result.reason,
        text: raw.text,
      });
    } else {
      summary.accepted++;
      for (const f of result.unknownFields) summary.unknownFields[f] = (summary.unknownFields[f] ?? 0) + 1;
      batch.delete(result.application.id);
      batch.set(result.application.id, result.application);
      if (batch.size >= opts.batchSize) {
        await flush();
        opts.onProgress?.(summary);
      }
    }
  }
  await flush();
  await Promise.all([...inFlight].map((w) => w.done));
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
