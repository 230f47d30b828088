/**
 * Reject sinks
 * ============
 *
 * Where rejected records go: an NDJSON file (line, reason, original text) for the CLI, a bounded list
 * for the HTTP API. Nothing is lost: the count is exact even where the list is capped.
 */
import fs from "node:fs";

export interface Reject {
  file?: string;
  line: number;
  reason: string;
  text: string;
}

export interface RejectSink {
  add(reject: Reject): void;
  close(): Promise<void>;
}

/** Opens the file lazily so that a clean ingest leaves no empty rejects file behind. */
export class FileRejectSink implements RejectSink {
  private stream: fs.WriteStream | null = null;
  constructor(readonly path: string) {}
  add(reject: Reject): void {
    this.stream ??= fs.createWriteStream(this.path, { flags: "w" });
    this.stream.write(JSON.stringify(reject) + "\n");
  }
  async close(): Promise<void> {
    const s = this.stream;
    if (!s) return;
    await new Promise<void>((resolve, reject) => s.end((err?: Error | null) => (err ? reject(err) : resolve())));
  }
  get used(): boolean {
    return this.stream !== null;
  }
}

export class MemoryRejectSink implements RejectSink {
  readonly rejects: Reject[] = [];
  constructor(private readonly cap = 1000) {}
  add(reject: Reject): void {
    if (this.rejects.length < this.cap) this.rejects.push(reject);
  }
  async close(): Promise<void> {}
}
