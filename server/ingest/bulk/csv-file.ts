/**
 * Import CSV files
 * ================
 *
 * A buffered file that knows its byte offset (so that a replaced record's rows can be cut out later),
 * the cutting itself, and a growable typed array for the offsets and ids of millions of rows.
 */
import fs from "node:fs";

/** A growable typed array of numbers (offsets and ids for millions of rows without object overhead). */
export class NumberList {
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
  /** The end of item `i`'s range when items are start offsets: the next start, or `total`. */
  end(i: number, total: number): number {
    return i + 1 < this.length ? this.a[i + 1]! : total;
  }
}

/** A file written through a buffer, tracking its byte offset so that rows can be cut out later. */
export class CsvFile {
  private chunks: string[] = [];
  private pending = 0;
  bytes = 0;
  private readonly fd: number;
  multiline = false;
  constructor(
    readonly path: string,
    header?: string,
  ) {
    this.fd = fs.openSync(path, "w");
    if (header !== undefined) this.write(header + "\n");
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

/** Rewrites a file without the given byte ranges (disjoint; sorted here). */
export function cutRanges(file: string, cuts: [number, number][]): void {
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
