/**
 * Bulk load's identifier numbering and links
 * ==========================================
 *
 * The part of writing the import files that sees every record, in file order: replays the pipeline's
 * batches (the last record of an id wins), gives node ids (one counter in file order: each accepted
 * record, and each identifier once per kind and normal form), writes `identifiers.csv` and `uses.csv`,
 * and at the end cuts out what replaced records wrote. A cut record or identifier leaves its node id
 * unused, which the importer allows.
 */
import path from "node:path";

import type { IngestSummary } from "../pipeline.js";
import type { RawRecord } from "../readers.js";
import { CsvFile, cutRanges, NumberList } from "./csv-file.js";
import { IDENTIFIER_HEADER, LINK_HEADER } from "./csv-rows.js";
import type { BulkSource, ImportFiles } from "./import-files.js";
import type { ChunkResult } from "./normalise-worker.js";

const LINE_BREAK = /[\n\r]/;

interface Pending {
  seq: number;
  node: number;
  id: string;
  result: ChunkResult;
  /** First of its identifiers in `result.refs` and how many. */
  refStart: number;
  refCount: number;
  superseded: boolean;
}

/** Identifier numbering, links and the last record of each id: the part of the work that sees every record. */
export class Links {
  private readonly ids: CsvFile;
  private readonly links: CsvFile;
  private readonly idOf = new Map<string, number>();
  /** Per identifier number: byte offset of its row, and its node id. */
  private readonly idStart = new NumberList();
  private readonly idNode = new NumberList();
  private nextNode = 0;
  // Per kept record k (in batch order): its sequence number, the offset of its links, its identifiers.
  private readonly keptSeq = new NumberList();
  private readonly linkStart = new NumberList();
  private readonly linkIdsStart = new NumberList();
  private readonly linkIds = new NumberList();
  /** Application id to the kept record k that holds it now. */
  private readonly keptOf = new Map<string, number>();
  /** Kept records a later batch replaced, and records a later one in their own batch superseded. */
  private readonly replaced: number[] = [];
  private readonly superseded: number[] = [];
  private pending: Pending[] = [];
  private pendingOf = new Map<string, number>();

  constructor(
    dir: string,
    private readonly batchSize: number,
  ) {
    this.ids = new CsvFile(path.join(dir, "identifiers.csv"), IDENTIFIER_HEADER);
    this.links = new CsvFile(path.join(dir, "uses.csv"), LINK_HEADER);
  }

  /** One chunk's answer, in file order; returns the node id of its first accepted record (the others follow). */
  take(seq0: number, records: RawRecord[], r: ChunkResult, source: BulkSource, summary: IngestSummary): number {
    for (const { index, reason } of r.rejects) {
      const raw = records[index]!;
      source.rejects.add({ file: source.name, line: raw.line, reason, text: raw.text });
    }
    summary.rejected += r.rejects.length;
    summary.accepted += r.accepted.length;
    for (const [f, n] of Object.entries(r.unknownFields))
      summary.unknownFields[f] = (summary.unknownFields[f] ?? 0) + n;
    let refStart = 0;
    const first = this.nextNode;
    this.nextNode += r.accepted.length;
    r.accepted.forEach((index, j) => {
      const id = r.ids[j]!;
      const refCount = r.identifierCounts[j]!;
      const earlier = this.pendingOf.get(id);
      if (earlier !== undefined) {
        const p = this.pending[earlier]!;
        p.superseded = true;
        this.superseded.push(p.seq);
      }
      this.pendingOf.set(id, this.pending.length);
      this.pending.push({ seq: seq0 + index, node: first + j, id, result: r, refStart, refCount, superseded: false });
      refStart += refCount;
      // The pipeline's batches count every accepted record, superseded ones included.
      if (this.pending.length >= this.batchSize) this.flushBatch();
    });
    return first;
  }

  /** Writes a batch's kept records' links, numbering identifiers first seen there. */
  flushBatch(): void {
    for (const p of this.pending) {
      if (p.superseded) continue;
      const k = this.keptSeq.length;
      const earlier = this.keptOf.get(p.id);
      if (earlier !== undefined) this.replaced.push(earlier);
      this.keptOf.set(p.id, k);
      this.keptSeq.push(p.seq);
      this.linkStart.push(this.links.bytes);
      this.linkIdsStart.push(this.linkIds.length);
      let rows = "";
      for (let i = p.refStart; i < p.refStart + p.refCount; i++) {
        const ref = p.result.refs[i]!;
        let num = this.idOf.get(ref);
        if (num === undefined) {
          num = this.idStart.length;
          this.idOf.set(ref, num);
          this.idStart.push(this.ids.bytes);
          this.idNode.push(this.nextNode++);
          const tail = p.result.tails[i]!;
          if (!this.ids.multiline && LINE_BREAK.test(tail.slice(0, -1))) this.ids.multiline = true;
          this.ids.write(this.idNode.get(num) + tail);
        }
        this.linkIds.push(num);
        rows += `${p.node},${this.idNode.get(num)}\n`;
      }
      this.links.write(rows);
    }
    this.pending = [];
    this.pendingOf = new Map();
  }

  /** Sequence numbers of every record not in the graph (for the workers to cut). */
  cutSeqs(): Float64Array {
    const out = new Float64Array(this.replaced.length + this.superseded.length);
    this.replaced.forEach((k, i) => (out[i] = this.keptSeq.get(k)));
    out.set(this.superseded, this.replaced.length);
    return out;
  }

  /** Closes the files, cutting out replaced records' links and identifiers nobody uses any more. */
  finish(): {
    identifiers: string;
    links: string;
    multiline: string[];
    counts: Omit<ImportFiles["counts"], "applications">;
  } {
    this.ids.close();
    this.links.close();
    const kept = this.keptSeq.length;
    const replaced = new Set(this.replaced);
    let idCount = this.idStart.length;
    let linkCount = this.linkIds.length;
    if (replaced.size) {
      const linkCuts: [number, number][] = [];
      const uses = new Uint32Array(this.idStart.length);
      for (let k = 0; k < kept; k++) {
        const lo = this.linkIdsStart.get(k);
        const hi = this.linkIdsStart.end(k, this.linkIds.length);
        if (replaced.has(k)) {
          linkCuts.push([this.linkStart.get(k), this.linkStart.end(k, this.links.bytes)]);
          linkCount -= hi - lo;
        } else for (let i = lo; i < hi; i++) uses[this.linkIds.get(i)]!++;
      }
      const idCuts: [number, number][] = [];
      for (let n = 0; n < uses.length; n++)
        if (uses[n] === 0) {
          idCuts.push([this.idStart.get(n), this.idStart.end(n, this.ids.bytes)]);
          idCount--;
        }
      cutRanges(this.links.path, linkCuts);
      cutRanges(this.ids.path, idCuts);
    }
    return {
      identifiers: this.ids.path,
      links: this.links.path,
      multiline: this.ids.multiline ? [this.ids.path] : [],
      counts: { identifiers: idCount, links: linkCount, replaced: replaced.size + this.superseded.length },
    };
  }
}
