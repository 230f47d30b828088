/**
 * Bulk load's normalising worker
 * ==============================
 *
 * Runs in a worker thread (node:worker_threads), one per core: takes chunks of raw records in file
 * order, parses (NDJSON lines arrive unparsed), validates and normalises them with the pipeline's own
 * code, formats their application rows, and answers each chunk with what the coordinating thread needs
 * to keep the last record of each id and to number identifiers across workers: the accepted records'
 * ids, their identifiers' dedup keys and rows, the rejects. The coordinating thread answers with the
 * node id of the chunk's first accepted record (the others follow it), and the rows are then appended
 * to the worker's own part of the import CSVs. At the end it cuts the rows of records that a later
 * record replaced out of its part.
 */
import path from "node:path";
import { parentPort, workerData } from "node:worker_threads";

import { parseRecordText } from "../readers.js";
import { normaliseRecord } from "../record.js";
import { CsvFile, cutRanges, NumberList } from "./csv-file.js";
import { applicationRowTail, identifierRef, identifierRowTail } from "./csv-rows.js";

export interface WorkerSetup {
  dir: string;
  index: number;
  ingestedAt: string;
}

/** One raw record as sent to a worker: an unparsed NDJSON line, a parsed value, or a read error. */
export type ChunkRecord = { json: string; line: number } | { value: unknown } | { error: string };

export type ToWorker =
  | { type: "chunk"; chunk: number; seq0: number; records: ChunkRecord[] }
  /** The node id of the chunk's first accepted record; the others follow it in order. */
  | { type: "ids"; chunk: number; first: number }
  /** `cut`: sequence numbers replaced by a later record (any worker's; each cuts those it wrote). */
  | { type: "finish"; cut: Float64Array };

export interface ChunkResult {
  type: "chunk";
  chunk: number;
  /** Index in the chunk of each accepted record, its application id and its number of identifiers. */
  accepted: number[];
  ids: string[];
  identifierCounts: number[];
  /** Per identifier of the accepted records, in order: its dedup key and its row after the id. */
  refs: string[];
  tails: string[];
  rejects: { index: number; reason: string }[];
  unknownFields: Record<string, number>;
}

export type FromWorker =
  | ChunkResult
  | { type: "finished"; file: string; rows: number; multiline: boolean }
  | { type: "failed"; message: string };

const setup = workerData as WorkerSetup;
const file = path.join(setup.dir, `applications-${setup.index}.csv`);
const apps = new CsvFile(file);
// Per row written, in order (sequence numbers rise within a worker): its sequence number and offset.
const seqs = new NumberList();
const starts = new NumberList();
/**
 * Per chunk answered but not given its node ids yet: its accepted records' sequence numbers and row
 * tails, joined into one string (one large object instead of a thousand small ones that would outlive
 * young collections while the chunk waits: 26% more CPU in this phase when held one by one).
 */
const held = new Map<number, { seqs: number[]; text: string; lengths: number[] }>();

function processChunk(m: Extract<ToWorker, { type: "chunk" }>): ChunkResult {
  const out: ChunkResult = {
    type: "chunk",
    chunk: m.chunk,
    accepted: [],
    ids: [],
    identifierCounts: [],
    refs: [],
    tails: [],
    rejects: [],
    unknownFields: {},
  };
  const seqsOfChunk: number[] = [];
  const tails: string[] = [];
  for (let index = 0; index < m.records.length; index++) {
    const rec = m.records[index]!;
    let value: unknown;
    if ("error" in rec) {
      out.rejects.push({ index, reason: rec.error });
      continue;
    }
    if ("json" in rec) {
      const parsed = parseRecordText(rec.line, rec.json);
      if (parsed.error) {
        out.rejects.push({ index, reason: parsed.error });
        continue;
      }
      value = parsed.value;
    } else value = rec.value;
    const result = normaliseRecord(value);
    if (!result.ok) {
      out.rejects.push({ index, reason: result.reason });
      continue;
    }
    for (const f of result.unknownFields) out.unknownFields[f] = (out.unknownFields[f] ?? 0) + 1;
    const app = result.application;
    const row = applicationRowTail(app, setup.ingestedAt);
    if (row.multiline) apps.multiline = true;
    seqsOfChunk.push(m.seq0 + index);
    tails.push(row.text);
    out.accepted.push(index);
    out.ids.push(app.id);
    out.identifierCounts.push(app.identifiers.length);
    for (const ident of app.identifiers) {
      out.refs.push(identifierRef(ident));
      out.tails.push(identifierRowTail(ident).text);
    }
  }
  held.set(m.chunk, { seqs: seqsOfChunk, text: tails.join(""), lengths: tails.map((t) => t.length) });
  return out;
}

/** Appends a chunk's rows under their node ids, which follow `first` in order. */
function writeRows(chunk: number, first: number): void {
  const rows = held.get(chunk)!;
  held.delete(chunk);
  let at = 0;
  for (let i = 0; i < rows.seqs.length; i++) {
    seqs.push(rows.seqs[i]!);
    starts.push(apps.bytes);
    apps.write(String(first + i));
    apps.write(rows.text.slice(at, (at += rows.lengths[i]!)));
  }
}

/** Cuts the rows of the given sequence numbers (those this worker wrote) out of its part. */
function finish(cut: Float64Array): FromWorker {
  if (held.size) throw new Error(`bulk: ${held.size} chunks were never given their node ids`);
  apps.close();
  const ranges: [number, number][] = [];
  let lo = 0;
  for (const seq of [...cut].sort((a, b) => a - b)) {
    // Binary search from the last hit: both lists rise.
    let hi = seqs.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (seqs.get(mid) < seq) lo = mid + 1;
      else hi = mid;
    }
    if (lo < seqs.length && seqs.get(lo) === seq) ranges.push([starts.get(lo), starts.end(lo, apps.bytes)]);
  }
  cutRanges(file, ranges);
  return { type: "finished", file, rows: seqs.length - ranges.length, multiline: apps.multiline };
}

parentPort!.on("message", (m: ToWorker) => {
  try {
    if (m.type === "ids") return writeRows(m.chunk, m.first);
    parentPort!.postMessage(m.type === "chunk" ? processChunk(m) : finish(m.cut));
  } catch (err) {
    parentPort!.postMessage({ type: "failed", message: (err as Error).stack ?? String(err) } satisfies FromWorker);
  }
});
