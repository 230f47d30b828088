/**
 * Hand-made ZIP archives for verifier tests: stored (uncompressed) entries with any name (duplicates,
 * `..`, absolute paths), any external attributes (a symbolic link is mode 0o120777 from a Unix "made
 * by") and any general-purpose flags (bit 0: encrypted), which well-behaved writers such as yazl refuse
 * to produce. Follows APPNOTE.TXT 4.3: local headers, central directory, end of central directory.
 */
import zlib from "node:zlib";

export interface CraftedEntry {
  name: string;
  data: Buffer;
  /** Unix mode in the upper 16 bits of the external attributes (default 0o100644, a regular file). */
  mode?: number;
  /** General purpose bit flags (bit 0 = encrypted, bit 11 = UTF-8 name, set by default). */
  flags?: number;
}

export function craftZip(entries: CraftedEntry[], comment = ""): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, "utf8");
    const crc = zlib.crc32(e.data);
    const flags = e.flags ?? 0x800;
    // Traditional encryption prefixes 12 header bytes; the data itself is left as is (never read).
    const body = flags & 1 ? Buffer.concat([Buffer.alloc(12), e.data]) : e.data;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(flags, 6);
    local.writeUInt16LE(0, 8); // stored
    local.writeUInt32LE(0x21, 10); // 1980-01-01 00:00
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(e.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    locals.push(local, name, body);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE((3 << 8) | 20, 4); // made by Unix
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(flags, 8);
    central.writeUInt16LE(0, 10);
    central.writeUInt32LE(0x21, 12);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(e.data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(((e.mode ?? 0o100644) << 16) >>> 0, 38);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);
    offset += local.length + name.length + body.length;
  }
  const cd = Buffer.concat(centrals);
  const c = Buffer.from(comment, "latin1");
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  end.writeUInt16LE(c.length, 20);
  return Buffer.concat([...locals, cd, end, c]);
}
