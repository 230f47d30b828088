/**
 * Record readers
 * ==============
 *
 * Streams raw records out of NDJSON, CSV and JSON-array sources, one at a time, each with the line (or,
 * for a JSON array, the element) it came from. A line that cannot be parsed is yielded as an error so
 * the caller can reject it and go on; memory stays bounded whatever the file size.
 */
import fs from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";

import { parse as parseCsv } from "csv-parse";
import pickFilter from "stream-json/filters/pick.js";
import streamArray from "stream-json/streamers/stream-array.js";

export type InputFormat = "ndjson" | "csv" | "json";

export interface RawRecord {
  /** 1-based line of the record's first line; for a JSON array, the element's 1-based position. */
  line: number;
  /** The original text where it is known (NDJSON, CSV), else the element re-serialised. */
  text: string;
  value?: unknown;
  error?: string;
  /** Set by `{ parse: false }`: `text` is an NDJSON line not yet parsed (see parseRecordText). */
  unparsed?: true;
}

export interface ReadOptions {
  /**
   * False: NDJSON lines come with their text only (`unparsed`), for a caller that parses them elsewhere
   * (bulk load's worker threads) with parseRecordText, which gives the same values and rejects.
   */
  parse?: boolean;
}

/** List-valued contract fields; in CSV their values are joined by `|`. */
export const LIST_FIELDS = new Set(["email", "phone", "ip", "device_id", "profile_url"]);

export function formatFromPath(file: string): InputFormat {
  const ext = path.extname(file).toLowerCase();
  if (ext === ".ndjson" || ext === ".jsonl") return "ndjson";
  if (ext === ".csv") return "csv";
  if (ext === ".json") return "json";
  throw new Error(`ingest: cannot tell the format of ${file}: use .ndjson, .jsonl, .csv or .json`);
}

/** A longer NDJSON line is rejected without being held in memory (far beyond any real record). */
export const MAX_LINE_BYTES = 32 * 1024 * 1024;
const strictUtf8 = new TextDecoder("utf-8", { fatal: true });
const lenientUtf8 = new TextDecoder("utf-8");

/** An NDJSON line's text as a record: the parsed value, or why it is not JSON. */
export function parseRecordText(line: number, text: string): RawRecord {
  try {
    return { line, text, value: JSON.parse(text) };
  } catch (err) {
    return { line, text, error: `line is not JSON: ${(err as Error).message}` };
  }
}

/** One NDJSON line's bytes as a record: not UTF-8, not JSON, or the parsed value (or the text, unparsed). */
function ndjsonRecord(line: number, bytes: Uint8Array, parse: boolean): RawRecord | null {
  let text: string;
  try {
    text = strictUtf8.decode(bytes);
  } catch {
    // Decoding with replacement would change the record's values silently; the reject keeps the text
    // with U+FFFD where the bad bytes were.
    return { line, text: lenientUtf8.decode(bytes), error: "line is not valid UTF-8" };
  }
  if (text.endsWith("\r")) text = text.slice(0, -1);
  if (text.trim() === "") return null;
  return parse ? parseRecordText(line, text) : { line, text, unparsed: true };
}

/** Splits on LF at the byte level so that each line's UTF-8 can be checked before it is decoded. */
export async function* readNdjson(input: Readable, opts: ReadOptions = {}): AsyncGenerator<RawRecord> {
  const parse = opts.parse ?? true;
  let line = 0;
  let parts: Buffer[] = [];
  let size = 0;
  let head: Buffer | null = null; // the start of an over-long line, kept for its reject
  const finish = (): RawRecord | null => {
    line++;
    const bytes = parts.length === 1 ? parts[0]! : Buffer.concat(parts);
    const tooLong = head;
    parts = [];
    size = 0;
    head = null;
    if (tooLong)
      return {
        line,
        text: lenientUtf8.decode(tooLong),
        error: `line is longer than ${MAX_LINE_BYTES / 1024 / 1024} MB`,
      };
    return ndjsonRecord(line, bytes, parse);
  };
  const append = (piece: Buffer) => {
    if (head) return;
    size += piece.length;
    if (size > MAX_LINE_BYTES) {
      head = (parts[0] ?? piece).subarray(0, 1024);
      parts = [];
      return;
    }
    parts.push(piece);
  };
  for await (const chunk of input) {
    const buf: Buffer = typeof chunk === "string" ? Buffer.from(chunk) : (chunk as Buffer);
    let start = 0;
    for (let nl = buf.indexOf(10, start); nl >= 0; nl = buf.indexOf(10, start)) {
      append(buf.subarray(start, nl));
      start = nl + 1;
      const rec = finish();
      if (rec) yield rec;
    }
    if (start < buf.length) append(buf.subarray(start));
  }
  if (size > 0 || head) {
    const rec = finish();
    if (rec) yield rec;
  }
}

/** `onHeader` sees the header row (trimmed) before the first record is yielded. */
export async function* readCsv(input: Readable, onHeader?: (header: string[]) => void): AsyncGenerator<RawRecord> {
  // Rows come as arrays so that a row with the wrong number of columns is rejected in file order.
  const parser = parseCsv({
    bom: true,
    info: true,
    raw: true,
    skip_empty_lines: true,
    relax_column_count: true,
    relax_quotes: false,
  });
  input.pipe(parser);
  let header: string[] | null = null;
  try {
    for await (const rec of parser as AsyncIterable<{ record: string[]; info: { lines: number }; raw: string }>) {
      const text = rec.raw.replace(/\r?\n$/, "");
      const line = rec.info.lines - text.split("\n").length + 1;
      if (!header) {
        header = rec.record.map((h) => h.trim());
        onHeader?.(header);
        continue;
      }
      if (rec.record.length !== header.length) {
        yield {
          line,
          text,
          error: `CSV row is malformed: ${rec.record.length} columns where the header has ${header.length}`,
        };
        continue;
      }
      const value: Record<string, string | string[]> = {};
      header.forEach((k, i) => {
        const v = rec.record[i]!;
        if (v === "") return;
        value[k] =
          LIST_FIELDS.has(k) && v.includes("|")
            ? v
                .split("|")
                .map((s) => s.trim())
                .filter(Boolean)
            : v;
      });
      yield { line, text, value };
    }
  } catch (err) {
    // A broken quote makes the rest of the file unreadable as CSV; say where, keep what came before.
    const e = err as { lines?: number; message: string };
    yield { line: e.lines ?? 0, text: "", error: `CSV cannot be parsed past this line: ${e.message}` };
  }
}

/** `pick` names the array inside an object document (e.g. "data" for `{"data": [...]}`); default: the document is the array. */
export async function* readJsonArray(input: Readable, pick?: string): AsyncGenerator<RawRecord> {
  // Elements are taken as they are emitted ('data' events) so that those parsed before a syntax
  // error are kept: async iteration would drop the stream's buffer when the error destroys it.
  const picker = pick === undefined ? null : pickFilter.withParserAsStream({ filter: pick });
  const stream = picker
    ? input.pipe(picker).pipe(streamArray.asStream())
    : input.pipe(streamArray.withParserAsStream());
  const queue: { key: number; value: unknown }[] = [];
  let failure: Error | null = null;
  let ended = false;
  let wake: (() => void) | null = null;
  const notify = () => {
    wake?.();
    wake = null;
  };
  stream.on("data", (item: { key: number; value: unknown }) => {
    queue.push(item);
    if (queue.length >= 1000) stream.pause();
    notify();
  });
  stream.on("end", () => {
    ended = true;
    notify();
  });
  stream.on("error", (err: Error) => {
    failure = err;
    notify();
  });
  picker?.on("error", (err: Error) => {
    failure = err;
    notify();
  });
  input.on("error", (err: Error) => {
    failure = err;
    notify();
  });
  let index = 0;
  for (;;) {
    const item = queue.shift();
    if (item) {
      index = item.key + 1;
      yield { line: index, text: JSON.stringify(item.value), value: item.value };
      if (queue.length < 100 && stream.isPaused()) stream.resume();
      continue;
    }
    if (failure) {
      yield {
        line: index + 1,
        text: "",
        error: `JSON document is malformed after element ${index}: ${(failure as Error).message}`,
      };
      return;
    }
    if (ended) return;
    await new Promise<void>((resolve) => (wake = resolve));
  }
}

export function readRecords(input: Readable, format: InputFormat, opts: ReadOptions = {}): AsyncGenerator<RawRecord> {
  if (format === "ndjson") return readNdjson(input, opts);
  if (format === "csv") return readCsv(input);
  return readJsonArray(input);
}

export function readFileRecords(file: string, opts: ReadOptions = {}): AsyncGenerator<RawRecord> {
  return readRecords(fs.createReadStream(file), formatFromPath(file), opts);
}
