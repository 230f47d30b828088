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

/** One entry of the central directory, as a verifier needs to see it. */
export interface ZipEntryInfo {
  /** The name decoded (UTF-8 when flagged, else Latin-1), exactly as stored: not validated or cleaned. */
  name: string;
  encrypted: boolean;
  symlink: boolean;
  directory: boolean;
  /** The content, or why it could not be read (encrypted entries are not read). */
  content: { data: Buffer } | { error: string } | null;
}

const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;

/**
 * Every entry of a ZIP, duplicates and unsafe names included (names are decoded here, not by yauzl, so a
 * `..` or absolute name is reported instead of aborting the read), and the archive comment. `entries`
 * maps each name to its first entry's content. Throws only when the archive itself cannot be opened.
 */
export async function readZip(buffer: Buffer): Promise<{ entries: ZipEntries; list: ZipEntryInfo[]; comment: string }> {
  const zip = await yauzl.fromBufferPromise(buffer, {
    lazyEntries: true,
    validateEntrySizes: true,
    decodeStrings: false,
  });
  const list: ZipEntryInfo[] = [];
  const entries: ZipEntries = new Map();
  try {
    for await (const entry of zip.eachEntry()) {
      const raw = entry.fileName as unknown as Buffer;
      const name = raw.toString((entry.generalPurposeBitFlag & 0x800) !== 0 ? "utf8" : "latin1");
      const info: ZipEntryInfo = {
        name,
        encrypted: entry.isEncrypted(),
        symlink:
          (entry.versionMadeBy >> 8 === 3 || entry.externalFileAttributes >>> 16 !== 0) &&
          ((entry.externalFileAttributes >>> 16) & S_IFMT) === S_IFLNK,
        directory: name.endsWith("/"),
        content: null,
      };
      if (!info.encrypted && !info.directory) {
        try {
          info.content = { data: await drain(await zip.openReadStreamPromise(entry)) };
        } catch (err) {
          info.content = { error: (err as Error).message };
        }
      }
      list.push(info);
      if (info.content && !entries.has(name)) entries.set(name, info.content);
    }
  } finally {
    zip.close();
  }
  const comment = zip.comment as unknown as Buffer | string;
  return { entries, list, comment: typeof comment === "string" ? comment : comment.toString("latin1") };
}
