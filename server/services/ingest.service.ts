/**
 * Ingest service
 * ==============
 *
 * Ingests a request body (a JSON array of records, or NDJSON text) through the same pipeline as the CLI
 * and tells listeners how much was accepted (detection runs after large ingests).
 */
import { Readable } from "node:stream";

import type { ApplicationRepository } from "../db/application.repository.js";
import { ValidationError } from "../errors.js";
import { ingestRecords, type IngestSummary } from "../ingest/pipeline.js";
import { readNdjson, type RawRecord } from "../ingest/readers.js";
import { MemoryRejectSink, type Reject } from "../ingest/rejects.js";

export type IngestListener = (summary: IngestSummary) => void;

async function* fromArray(items: unknown[]): AsyncGenerator<RawRecord> {
  let i = 0;
  for (const value of items) yield { line: ++i, text: JSON.stringify(value), value };
}

export class IngestService {
  private readonly listeners: IngestListener[] = [];
  constructor(
    private readonly repo: ApplicationRepository,
    private readonly batchSize: number,
  ) {}

  onIngested(listener: IngestListener): void {
    this.listeners.push(listener);
  }

  async ingest(body: unknown, contentType: string): Promise<IngestSummary & { rejects: Reject[] }> {
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
    const summary = await ingestRecords(this.repo, records, { batchSize: this.batchSize, rejects: sink });
    for (const l of this.listeners) l(summary);
    return { ...summary, rejects: sink.rejects };
  }
}
