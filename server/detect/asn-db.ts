/**
 * Offline IP-to-ASN table
 * =======================
 *
 * Loads the `@ip-location-db/asn` package (RouteViews + DB-IP, CC BY 4.0; ranges `start,end,asn,org`)
 * once per process into sorted typed arrays and answers lookups by binary search. IPv4 ranges are kept as
 * 32-bit integers; IPv6 ranges by their upper 64 bits, which is exact for every announced prefix up to /64.
 */
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

import ipaddr from "ipaddr.js";

export const ASN_PACKAGE = "@ip-location-db/asn";

export interface AsnInfo {
  asn: number;
  org: string;
}

export interface AsnTable {
  package: string;
  version: string;
  lookup(ip: string): AsnInfo | null;
}

interface Ranges<T extends Uint32Array | BigUint64Array> {
  start: T;
  end: T;
  asn: Uint32Array;
}

function packageDir(): string {
  const require = createRequire(import.meta.url);
  // The package has no entry point; resolve its directory through a file it ships.
  return path.dirname(require.resolve(`${ASN_PACKAGE}/asn-ipv4-num.csv`));
}

type OrgRef = [buffer: Buffer, from: number, to: number];

/**
 * Scans `start,end,asn,org` rows of a CSV buffer byte by byte (no per-line strings: a few hundred
 * thousand rows are read at every process start); `bound` turns a start or end field into a number.
 * The org of each ASN's first row is remembered by position and decoded only when asked for.
 */
function scan<T>(buf: Buffer, bound: (from: number, to: number) => T, orgs: Map<number, OrgRef>) {
  const starts: T[] = [];
  const ends: T[] = [];
  const asns: number[] = [];
  let pos = 0;
  while (pos < buf.length) {
    let nl = buf.indexOf(10, pos);
    if (nl < 0) nl = buf.length;
    const c1 = buf.indexOf(44, pos);
    const c2 = c1 < 0 ? -1 : buf.indexOf(44, c1 + 1);
    const c3 = c2 < 0 ? -1 : buf.indexOf(44, c2 + 1);
    if (c3 > 0 && c3 < nl) {
      let asn = 0;
      for (let i = c2 + 1; i < c3; i++) asn = asn * 10 + buf[i]! - 48;
      starts.push(bound(pos, c1));
      ends.push(bound(c1 + 1, c2));
      asns.push(asn);
      if (!orgs.has(asn)) orgs.set(asn, [buf, c3 + 1, buf[nl - 1] === 13 ? nl - 1 : nl]);
    }
    pos = nl + 1;
  }
  return { starts, ends, asns };
}

function decimal(buf: Buffer) {
  return (from: number, to: number): number => {
    let v = 0;
    for (let i = from; i < to; i++) v = v * 10 + buf[i]! - 48;
    return v;
  };
}

function loadV4(file: string, orgs: Map<number, OrgRef>): Ranges<Uint32Array> {
  const buf = fs.readFileSync(file);
  const r = scan(buf, decimal(buf), orgs);
  return { start: Uint32Array.from(r.starts), end: Uint32Array.from(r.ends), asn: Uint32Array.from(r.asns) };
}

function loadV6(file: string, orgs: Map<number, OrgRef>): Ranges<BigUint64Array> {
  const buf = fs.readFileSync(file);
  const r = scan(buf, (from, to) => BigInt(buf.toString("latin1", from, to)) >> 64n, orgs);
  return { start: BigUint64Array.from(r.starts), end: BigUint64Array.from(r.ends), asn: Uint32Array.from(r.asns) };
}

function orgText([buf, from, to]: OrgRef): string {
  const raw = buf.toString("utf8", from, to);
  return raw.startsWith('"') ? raw.slice(1, raw.endsWith('"') ? -1 : undefined).replace(/""/g, '"') : raw;
}

/** Index of the last range starting at or before x, or -1. */
function search<T extends Uint32Array | BigUint64Array>(
  r: Ranges<T>,
  x: T extends Uint32Array ? number : bigint,
): number {
  let lo = 0;
  let hi = r.start.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    if (r.start[mid]! <= x) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found >= 0 && x <= r.end[found]! ? found : -1;
}

/** Dotted-quad IPv4 as an unsigned integer, or -1 (fast path: detection looks up every IP of a population). */
function parseV4(ip: string): number {
  let value = 0;
  let octet = 0;
  let digits = 0;
  let dots = 0;
  for (let i = 0; i < ip.length; i++) {
    const c = ip.charCodeAt(i);
    if (c === 46) {
      if (digits === 0 || ++dots > 3) return -1;
      value = value * 256 + octet;
      octet = 0;
      digits = 0;
    } else if (c >= 48 && c <= 57 && digits < 3) {
      octet = octet * 10 + (c - 48);
      if (octet > 255) return -1;
      digits++;
    } else return -1;
  }
  if (dots !== 3 || digits === 0) return -1;
  return value * 256 + octet;
}

function v6High(addr: ipaddr.IPv6): bigint {
  const p = addr.parts;
  return (BigInt(p[0]!) << 48n) | (BigInt(p[1]!) << 32n) | (BigInt(p[2]!) << 16n) | BigInt(p[3]!);
}

export function loadAsnTable(dir = packageDir()): AsnTable {
  const orgs = new Map<number, OrgRef>();
  const v4 = loadV4(path.join(dir, "asn-ipv4-num.csv"), orgs);
  const v6 = loadV6(path.join(dir, "asn-ipv6-num.csv"), orgs);
  const pkg = JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8")) as { version: string };
  const names = new Map<number, string>();
  const info = (asn: number): AsnInfo => {
    let org = names.get(asn);
    if (org === undefined) {
      const at = orgs.get(asn);
      names.set(asn, (org = at ? orgText(at) : ""));
    }
    return { asn, org };
  };
  return {
    package: ASN_PACKAGE,
    version: pkg.version,
    lookup(ip: string): AsnInfo | null {
      const x = parseV4(ip);
      if (x >= 0) {
        const i = search(v4, x);
        return i < 0 ? null : info(v4.asn[i]!);
      }
      if (!ipaddr.isValid(ip)) return null;
      const addr = ipaddr.process(ip);
      if (addr.kind() === "ipv4") return this.lookup(addr.toString());
      const i = search(v6, v6High(addr as ipaddr.IPv6));
      return i < 0 ? null : info(v6.asn[i]!);
    },
  };
}

let shared: AsnTable | null = null;

/** The process-wide table, loaded on first use (about half a second). */
export function asnTable(): AsnTable {
  shared ??= loadAsnTable();
  return shared;
}
