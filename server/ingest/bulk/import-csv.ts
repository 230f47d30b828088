/**
 * Import CSV writer
 * =================
 *
 * Writes normalised applications as the CSV files Neo4j's offline importer reads: one node file for
 * applications, one for every identifier (its label in a `:LABEL` column), one relationship file for
 * USES. Integer ids keep the importer's id mapping small. Identifiers are numbered once per normal
 * form, with the properties of the first application that used them (as the pipeline's ON CREATE SET
 * keeps them). An application id seen again replaces the earlier record, as in the pipeline: the
 * earlier rows, and identifiers only they used, are cut out of the files by byte range at the end.
 */
import fs from "node:fs";
import path from "node:path";

import type { NormalisedApplication } from "../record.js";
import { IDENTIFIER_KINDS, KIND_LABEL, type IdentifierKind } from "../../normalise/types.js";

/** Application properties in file order, with their importer types (strings unless given). */
const APP_COLUMNS: readonly (readonly [string, string])[] = [
  ["id", "id"],
  ["full_name", "full_name"],
  ["name_key", "name_key"],
  ["claimed_country", "claimed_country"],
  ["claimed_location", "claimed_location"],
  ["university", "university"],
  ["degree", "degree"],
  ["major", "major"],
  ["graduation_date", "graduation_date"],
  ["shipping_address", "shipping_address"],
  ["job_id", "job_id"],
  ["source", "source"],
  ["indicators", "indicators:string[]"],
  ["nonroutable_ips", "nonroutable_ips:string[]"],
  ["raw_json", "raw_json"],
];
const APP_PROPS = new Set(APP_COLUMNS.map(([k]) => k));

/** Every identifier property of every kind, with its importer type; a kind leaves the others empty. */
const ID_COLUMNS: readonly (readonly [string, string])[] = [
  ["domain", "domain"],
  ["valid", "valid:boolean"],
  ["e164", "e164"],
  ["malformed", "malformed:boolean"],
  ["country", "country"],
  ["line_type", "line_type"],
  ["version", "version:long"],
  ["prefix", "prefix"],
  ["routable", "routable:boolean"],
  ["platform", "platform"],
  ["handle", "handle"],
  ["sample", "sample"],
];
const ID_PROPS = new Set(ID_COLUMNS.map(([k]) => k));
/** Between array elements; no stored value contains it. */
export const ARRAY_DELIMITER = "\u001f";

const KIND_CODE = new Map<IdentifierKind, number>(IDENTIFIER_KINDS.map((k, i) => [k, i]));

/** RFC 4180 quoting, only where needed; null and undefined become an empty (absent) field. */
function field(v: unknown): string {
  if (v === null || v === undefined) return "";
  const s = Array.isArray(v) ? v.join(ARRAY_DELIMITER) : String(v);
  if (s === "") return '""';
  return /[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/** A growable typed array of numbers (offsets and ids for millions of rows without object overhead). */
class NumberList {
  private a = new Float64Array(1 << 16);
  length = 0;
  push(v: number): void {
    if (this.length === this.a.length) {
      const b = new Float64Array(this.a.length * 2);
      b.set(this.a);
      this.a = b;
    }
    this.a[this.length++] = v;
  }
  get(i: number): number {
    return this.a[i]!;
  }
}

/** A file written through a buffer, tracking its byte offset so that rows can be cut out later. */
class CsvFile {
  private chunks: string[] = [];
  private pending = 0;
  bytes = 0;
  readonly fd: number;
  multiline = false;
  constructor(
    readonly path: string,
    header: string,
  ) {
    this.fd = fs.openSync(path, "w");
    this.write(header + "\n");
  }
  write(text: string): void {
    this.chunks.push(text);
    this.pending += text.length;
    this.bytes += Buffer.byteLength(text);
    if (this.pending > 1 << 20) this.flush();
  }
  flush(): void {
    if (!this.chunks.length) return;
    fs.writeSync(this.fd, this.chunks.join(""));
    this.chunks = [];
    this.pending = 0;
  }
  close(): void {
    this.flush();
    fs.closeSync(this.fd);
  }
}

export interface ImportFiles {
  dir: string;
  applications: string;
  identifiers: string;
  links: string;
  /** Files holding a value with a line break (the importer must be told). */
  multiline: string[];
  counts: { applications: number; identifiers: number; links: number; replaced: number };
}

export class ImportCsvWriter {
  private readonly apps: CsvFile;
  private readonly ids: CsvFile;
  private readonly links: CsvFile;
  /** Sequence number (the importer's id) of the current record of each application id. */
  private readonly seqOf = new Map<string, number>();
  /** Identifier number by kind code and normal form. */
  private readonly idOf = new Map<string, number>();
  // Per application sequence: byte offsets of its application row and link rows; its identifier numbers.
  private readonly appStart = new NumberList();
  private readonly linkStart = new NumberList();
  private readonly linkIdsStart = new NumberList();
  private readonly linkIds = new NumberList();
  /** Per identifier number: byte offset of its row. */
  private readonly idStart = new NumberList();
  private readonly replaced: number[] = [];
  private readonly ingestedAt = new Date().toISOString();

  constructor(readonly dir: string) {
    fs.mkdirSync(dir, { recursive: true });
    const appHeader = [
      ":ID(Application)",
      ...APP_COLUMNS.map(([, h]) => h),
      "submitted_at:datetime",
      "ingested_at:datetime",
    ];
    this.apps = new CsvFile(path.join(dir, "applications.csv"), appHeader.join(","));
    this.ids = new CsvFile(
      path.join(dir, "identifiers.csv"),
      [":ID(Identifier)", ":LABEL", "key", ...ID_COLUMNS.map(([, h]) => h)].join(","),
    );
    this.links = new CsvFile(path.join(dir, "uses.csv"), ":START_ID(Application),:END_ID(Identifier)");
  }

  /** Appends a batch in order (the pipeline's batches, so the last record for an id wins). */
  add(batch: NormalisedApplication[]): void {
    for (const app of batch) this.addOne(app);
  }

  private addOne(app: NormalisedApplication): void {
    const seq = this.appStart.length;
    const earlier = this.seqOf.get(app.id);
    if (earlier !== undefined) this.replaced.push(earlier);
    this.seqOf.set(app.id, seq);
    this.appStart.push(this.apps.bytes);
    this.linkStart.push(this.links.bytes);
    this.linkIdsStart.push(this.linkIds.length);

    const cells = [String(seq)];
    for (const [k] of APP_COLUMNS) cells.push(field(app.props[k]));
    for (const k of Object.keys(app.props))
      if (!APP_PROPS.has(k) && app.props[k] !== null)
        throw new Error(`bulk: application property "${k}" has no import column`);
    cells.push(app.submittedAt, this.ingestedAt);
    const row = cells.join(",") + "\n";
    if (!this.apps.multiline && /[\n\r]/.test(row.slice(0, -1))) this.apps.multiline = true;
    this.apps.write(row);

    let linkRows = "";
    for (const ident of app.identifiers) {
      const code = KIND_CODE.get(ident.kind)!;
      const dedupKey = `${code}\u0000${ident.key}`;
      let num = this.idOf.get(dedupKey);
      if (num === undefined) {
        num = this.idStart.length;
        this.idOf.set(dedupKey, num);
        this.idStart.push(this.ids.bytes);
        const idCells = [String(num), KIND_LABEL[ident.kind], field(ident.key)];
        for (const [k] of ID_COLUMNS) idCells.push(field(ident.props[k]));
        for (const k of Object.keys(ident.props))
          if (!ID_PROPS.has(k)) throw new Error(`bulk: identifier property "${k}" has no import column`);
        const idRow = idCells.join(",") + "\n";
        if (!this.ids.multiline && /[\n\r]/.test(idRow.slice(0, -1))) this.ids.multiline = true;
        this.ids.write(idRow);
      }
      this.linkIds.push(num);
      linkRows += `${seq},${num}\n`;
    }
    this.links.write(linkRows);
  }

  /** Closes the files, cutting out replaced records and identifiers nobody uses any more. */
  finish(): ImportFiles {
    this.apps.close();
    this.ids.close();
    this.links.close();
    const apps = this.appStart.length;
    const replaced = new Set(this.replaced);
    let idCount = this.idStart.length;
    let linkCount = this.linkIds.length;
    if (replaced.size) {
      const end = (list: NumberList, i: number, total: number) => (i + 1 < list.length ? list.get(i + 1) : total);
      const appCuts: [number, number][] = [];
      const linkCuts: [number, number][] = [];
      const uses = new Uint32Array(this.idStart.length);
      for (let s = 0; s < apps; s++) {
        const lo = this.linkIdsStart.get(s);
        const hi = s + 1 < apps ? this.linkIdsStart.get(s + 1) : this.linkIds.length;
        if (replaced.has(s)) {
          appCuts.push([this.appStart.get(s), end(this.appStart, s, this.apps.bytes)]);
          linkCuts.push([this.linkStart.get(s), end(this.linkStart, s, this.links.bytes)]);
          linkCount -= hi - lo;
        } else for (let i = lo; i < hi; i++) uses[this.linkIds.get(i)]!++;
      }
      const idCuts: [number, number][] = [];
      for (let n = 0; n < uses.length; n++)
        if (uses[n] === 0) {
          idCuts.push([this.idStart.get(n), end(this.idStart, n, this.ids.bytes)]);
          idCount--;
        }
      cutRanges(this.apps.path, appCuts);
      cutRanges(this.links.path, linkCuts);
      cutRanges(this.ids.path, idCuts);
    }
    return {
      dir: this.dir,
      applications: this.apps.path,
      identifiers: this.ids.path,
      links: this.links.path,
      multiline: [this.apps, this.ids].filter((f) => f.multiline).map((f) => f.path),
      counts: { applications: apps - replaced.size, identifiers: idCount, links: linkCount, replaced: replaced.size },
    };
  }
}

/** Rewrites a file without the given byte ranges (sorted, disjoint). */
function cutRanges(file: string, cuts: [number, number][]): void {
  if (!cuts.length) return;
  cuts.sort((a, b) => a[0] - b[0]);
  const tmp = `${file}.cut`;
  const src = fs.openSync(file, "r");
  const dst = fs.openSync(tmp, "w");
  const size = fs.fstatSync(src).size;
  const buf = Buffer.allocUnsafe(1 << 20);
  const copy = (from: number, to: number) => {
    for (let pos = from; pos < to;) {
      const n = fs.readSync(src, buf, 0, Math.min(buf.length, to - pos), pos);
      fs.writeSync(dst, buf, 0, n);
      pos += n;
    }
  };
  let at = 0;
  for (const [lo, hi] of cuts) {
    copy(at, lo);
    at = hi;
  }
  copy(at, size);
  fs.closeSync(src);
  fs.closeSync(dst);
  fs.renameSync(tmp, file);
}
