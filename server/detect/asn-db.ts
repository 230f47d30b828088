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

/** Splits `start,end,asn,org` where org may be quoted and contain commas. */
function* rows(text: string): Generator<[string, string, number, string]> {
  let pos = 0;
  while (pos < text.length) {
    let nl = text.indexOf("\n", pos);
    if (nl < 0) nl = text.length;
    const line = text.slice(pos, nl).replace(/\r$/, "");
    pos = nl + 1;
    if (!line) continue;
    const c1 = line.indexOf(",");
    const c2 = line.indexOf(",", c1 + 1);
    const c3 = line.indexOf(",", c2 + 1);
    if (c1 < 0 || c2 < 0 || c3 < 0) continue;
    let org = line.slice(c3 + 1);
    if (org.startsWith('"')) org = org.slice(1, org.endsWith('"') ? -1 : undefined).replace(/""/g, '"');
    yield [line.slice(0, c1), line.slice(c1 + 1, c2), Number(line.slice(c2 + 1, c3)), org];
  }
}

function loadV4(file: string, orgs: Map<number, string>): Ranges<Uint32Array> {
  const list: number[] = [];
  for (const [s, e, asn, org] of rows(fs.readFileSync(file, "utf8"))) {
    list.push(Number(s), Number(e), asn);
    if (!orgs.has(asn)) orgs.set(asn, org);
  }
  const n = list.length / 3;
  const r = { start: new Uint32Array(n), end: new Uint32Array(n), asn: new Uint32Array(n) };
  for (let i = 0; i < n; i++) {
    r.start[i] = list[3 * i]!;
    r.end[i] = list[3 * i + 1]!;
    r.asn[i] = list[3 * i + 2]!;
  }
  return r;
}

function loadV6(file: string, orgs: Map<number, string>): Ranges<BigUint64Array> {
  const start: bigint[] = [];
  const end: bigint[] = [];
  const asns: number[] = [];
  for (const [s, e, asn, org] of rows(fs.readFileSync(file, "utf8"))) {
    start.push(BigInt(s) >> 64n);
    end.push(BigInt(e) >> 64n);
    asns.push(asn);
    if (!orgs.has(asn)) orgs.set(asn, org);
  }
  return { start: BigUint64Array.from(start), end: BigUint64Array.from(end), asn: Uint32Array.from(asns) };
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
  const orgs = new Map<number, string>();
  const v4 = loadV4(path.join(dir, "asn-ipv4-num.csv"), orgs);
  const v6 = loadV6(path.join(dir, "asn-ipv6-num.csv"), orgs);
  const pkg = JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8")) as { version: string };
  const info = (asn: number): AsnInfo => ({ asn, org: orgs.get(asn) ?? "" });
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
