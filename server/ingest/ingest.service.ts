/**
 * Ingest service
 * ==============
 *
 * Ingests a request body (a JSON array of records, or NDJSON text) through the same pipeline as the CLI
 * and tells listeners how much was accepted (detection runs after large ingests). The ids of the
 * applications written travel beside the summary under a symbol (`INGESTED_IDS`), for the audit trail
 * and not for the response.
 */
import { Readable } from "node:stream";

import { INGESTED_IDS } from "../audit/written.js";
import type { IngestRepository } from "./ingest.repository.js";
import { ValidationError } from "../common/errors.js";
import { ingestRecords, type IngestSummary } from "./pipeline.js";
import { readNdjson, type RawRecord } from "./readers.js";
import { MemoryRejectSink, type Reject, type RejectSink } from "./rejects.js";

export type IngestListener = (summary: IngestSummary) => void;

/** Reads the ids of the records read and the lines rejected, to tell which ids were written. */
class IdTracker implements RejectSink {
  readonly idsByLine = new Map<number, string>();
  readonly rejectedLines = new Set<number>();
  constructor(private readonly inner: RejectSink) {}
  add(reject: Reject): void {
    this.rejectedLines.add(reject.line);
    this.inner.add(reject);
  }
  close(): Promise<void> {
    return this.inner.close();
  }
  async *watch(records: AsyncIterable<RawRecord>): AsyncGenerator<RawRecord> {
    for await (const r of records) {
      const id = (r.value as { application_id?: unknown } | null)?.application_id;
      if (typeof id === "string") this.idsByLine.set(r.line, id.trim());
      yield r;
    }
  }
  accepted(): string[] {
    const out = new Set<string>();
    for (const [line, id] of this.idsByLine) if (!this.rejectedLines.has(line)) out.add(id);
    return [...out].sort();
  }
}

async function* fromArray(items: unknown[]): AsyncGenerator<RawRecord> {
  let i = 0;
  for (const value of items) yield { line: ++i, text: JSON.stringify(value), value };
}

export class IngestService {
  private readonly listeners: IngestListener[] = [];
  constructor(
    private readonly repo: IngestRepository,
    private readonly batchSize: number,
  ) {}

  onIngested(listener: IngestListener): void {
    this.listeners.push(listener);
  }

  async ingest(
    body: unknown,
    contentType: string,
  ): Promise<IngestSummary & { rejects: Reject[]; [INGESTED_IDS]: string[] }> {
    let records: AsyncIterable<RawRecord>;
    if (typeof body === "string") {
      if (/json/.test(contentType) && body.trimStart().startsWith("[")) {
        let parsed: unknown;
        try {
          parsed = JSON.parse(body);
        } catch (err) {
          throw new ValidationError(`body is not a JSON array: ${(err as Error).message}`);
        }
        records = fromArray(parsed as unknown[]);
      } else records = readNdjson(Readable.from([body]));
    } else if (Array.isArray(body)) records = fromArray(body);
    else throw new ValidationError("body must be a JSON array of application records or NDJSON text");
    const sink = new MemoryRejectSink(1000);
    const tracker = new IdTracker(sink);
    const summary = await ingestRecords(this.repo, tracker.watch(records), {
      batchSize: this.batchSize,
      rejects: tracker,
    });
    for (const l of this.listeners) l(summary);
    return { ...summary, rejects: sink.rejects, [INGESTED_IDS]: tracker.accepted() };
  }
}
