/**
 * ZIP reading and writing
 * =======================
 *
 * yazl writes the package with fixed timestamps (the export time), so the same inputs give the same
 * bytes; yauzl reads it back entry by entry, keeping a per-entry error (a corrupt entry is named, the
 * rest still verifies).
 */
import type { Readable } from "node:stream";

import yauzl from "yauzl";
import yazl from "yazl";

export interface ZipInput {
  name: string;
  data: Buffer;
  /** Already-compressed formats (PDF) are stored, text is deflated. */
  compress?: boolean;
}

export function writeZip(entries: ZipInput[], mtime: Date, comment = ""): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const e of entries) zip.addBuffer(e.data, e.name, { mtime, compress: e.compress ?? true, mode: 0o100644 });
  zip.end({ comment, forceZip64Format: false });
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    zip.outputStream.on("data", (c: Buffer) => chunks.push(c));
    zip.outputStream.on("error", reject);
    zip.outputStream.on("end", () => resolve(Buffer.concat(chunks)));
  });
}

async function drain(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

export type ZipEntries = Map<string, { data: Buffer } | { error: string }>;

/** Every entry of a ZIP and the archive comment; throws only when the archive itself cannot be opened. */
export async function readZip(buffer: Buffer): Promise<{ entries: ZipEntries; comment: string }> {
  const zip = await yauzl.fromBufferPromise(buffer, {
    lazyEntries: true,
    validateEntrySizes: true,
    strictFileNames: true,
  });
  const out: ZipEntries = new Map();
  try {
    for await (const entry of zip.eachEntry()) {
      if (entry.fileName.endsWith("/")) continue;
      try {
        out.set(entry.fileName, { data: await drain(await zip.openReadStreamPromise(entry)) });
      } catch (err) {
        out.set(entry.fileName, { error: (err as Error).message });
      }
    }
  } finally {
    zip.close();
  }
  return { entries: out, comment: zip.comment };
}
