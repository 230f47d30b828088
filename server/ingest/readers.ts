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
import readline from "node:readline";
import { Readable } from "node:stream";

import { parse as parseCsv } from "csv-parse";
import streamArray from "stream-json/streamers/stream-array.js";

export type InputFormat = "ndjson" | "csv" | "json";

export interface RawRecord {
  /** 1-based line of the record's first line; for a JSON array, the element's 1-based position. */
  line: number;
  /** The original text where it is known (NDJSON, CSV), else the element re-serialised. */
  text: string;
  value?: unknown;
  error?: string;
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

export async function* readNdjson(input: Readable): AsyncGenerator<RawRecord> {
  const rl = readline.createInterface({ input, crlfDelay: Infinity });
  let line = 0;
  for await (const text of rl) {
    line++;
    if (text.trim() === "") continue;
    try {
      yield { line, text, value: JSON.parse(text) };
    } catch (err) {
      yield { line, text, error: `line is not JSON: ${(err as Error).message}` };
    }
  }
}

export async function* readCsv(input: Readable): AsyncGenerator<RawRecord> {
  const skipped: RawRecord[] = [];
  const parser = parseCsv({
    columns: true,
    bom: true,
    info: true,
    raw: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    on_skip: (err, raw) => {
      const line = (err as { lines?: number } | undefined)?.lines ?? 0;
      skipped.push({ line, text: raw ?? "", error: `CSV row is malformed: ${err?.message ?? "unknown error"}` });
      return undefined;
    },
  });
  input.pipe(parser);
  for await (const rec of parser as AsyncIterable<{
    record: Record<string, string>;
    info: { lines: number; records: number };
    raw: string;
  }>) {
    while (skipped.length) yield skipped.shift()!;
    const value: Record<string, string | string[]> = {};
    for (const [k, v] of Object.entries(rec.record)) {
      if (v === "") continue;
      value[k] =
        LIST_FIELDS.has(k) && v.includes("|")
          ? v
              .split("|")
              .map((s) => s.trim())
              .filter(Boolean)
          : v;
    }
    const lineCount = rec.raw.replace(/\r?\n$/, "").split("\n").length;
    yield { line: rec.info.lines - lineCount + 1, text: rec.raw.replace(/\r?\n$/, ""), value };
  }
  while (skipped.length) yield skipped.shift()!;
}

export async function* readJsonArray(input: Readable): AsyncGenerator<RawRecord> {
  const stream = input.pipe(streamArray.withParserAsStream());
  let index = 0;
  try {
    for await (const item of stream as AsyncIterable<{ key: number; value: unknown }>) {
      index = item.key + 1;
      yield { line: index, text: JSON.stringify(item.value), value: item.value };
    }
  } catch (err) {
    yield {
      line: index + 1,
      text: "",
      error: `JSON document is malformed after element ${index}: ${(err as Error).message}`,
    };
  }
}

export function readRecords(input: Readable, format: InputFormat): AsyncGenerator<RawRecord> {
  if (format === "ndjson") return readNdjson(input);
  if (format === "csv") return readCsv(input);
  return readJsonArray(input);
}

export function readFileRecords(file: string): AsyncGenerator<RawRecord> {
  return readRecords(fs.createReadStream(file), formatFromPath(file));
}
