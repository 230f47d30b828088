/**
 * Address space from the offline ASN database
 * ===========================================
 *
 * Reads the ranges of chosen autonomous systems out of `@ip-location-db/asn` (the same database detection
 * classifies IPs with), once per process, streaming through the CSV text and keeping only matching rows.
 * An `IpV4Space` numbers the usable host addresses of a set of ranges (x.y.z.1 to x.y.z.254 in each /24)
 * so that a `Bijection` can map serials to addresses without collisions.
 */
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

import ipaddr from "ipaddr.js";

import type { Rng } from "../server/common/rng.js";

export interface AsnRanges {
  v4: Map<number, [number, number][]>;
  v6: Map<number, [bigint, bigint][]>;
}

const require = createRequire(import.meta.url);
export const ASN_DB_DIR = path.dirname(require.resolve("@ip-location-db/asn/package.json"));
export const ASN_DB_VERSION: string = (
  JSON.parse(fs.readFileSync(path.join(ASN_DB_DIR, "package.json"), "utf8")) as { version: string }
).version;

export function ipv4ToInt(s: string): number {
  const p = s.split(".");
  return ((Number(p[0]) << 24) >>> 0) + (Number(p[1]) << 16) + (Number(p[2]) << 8) + Number(p[3]);
}

export function intToIpv4(n: number): string {
  return `${n >>> 24}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`;
}

function ipv6ToBigInt(s: string): bigint {
  const parts = ipaddr.IPv6.parse(s).parts;
  let v = 0n;
  for (const p of parts) v = (v << 16n) | BigInt(p);
  return v;
}

function bigIntToIpv6(v: bigint): string {
  const parts: number[] = [];
  for (let i = 7; i >= 0; i--) parts.push(Number((v >> BigInt(i * 16)) & 0xffffn));
  return new ipaddr.IPv6(parts).toRFC5952String();
}

/** Calls fn(start, end, asn) for every row of a CSV whose ASN is wanted, without splitting the whole file. */
function scanCsv(
  file: string,
  wanted: Pick<ReadonlySet<number>, "has">,
  fn: (start: string, end: string, asn: number) => void,
) {
  const text = fs.readFileSync(file, "latin1");
  let pos = 0;
  while (pos < text.length) {
    let eol = text.indexOf("\n", pos);
    if (eol < 0) eol = text.length;
    const c1 = text.indexOf(",", pos);
    const c2 = text.indexOf(",", c1 + 1);
    const c3 = text.indexOf(",", c2 + 1);
    if (c1 > 0 && c3 > 0 && c3 < eol) {
      const asn = Number(text.slice(c2 + 1, c3));
      if (wanted.has(asn)) fn(text.slice(pos, c1), text.slice(c1 + 1, c2), asn);
    }
    pos = eol + 1;
  }
}

const cache = new Map<string, AsnRanges>();

/** The IPv4 and IPv6 ranges of the given ASNs, in file order (cached per set of ASNs). */
export function loadAsnRanges(v4Asns: Iterable<number>, v6Asns: Iterable<number>): AsnRanges {
  const w4 = new Set(v4Asns);
  const w6 = new Set(v6Asns);
  const key = `${[...w4].sort((a, b) => a - b).join(",")}|${[...w6].sort((a, b) => a - b).join(",")}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const out: AsnRanges = { v4: new Map(), v6: new Map() };
  scanCsv(path.join(ASN_DB_DIR, "asn-ipv4.csv"), w4, (s, e, asn) => {
    const list = out.v4.get(asn) ?? [];
    list.push([ipv4ToInt(s), ipv4ToInt(e)]);
    out.v4.set(asn, list);
  });
  if (w6.size) {
    scanCsv(path.join(ASN_DB_DIR, "asn-ipv6.csv"), w6, (s, e, asn) => {
      const list = out.v6.get(asn) ?? [];
      list.push([ipv6ToBigInt(s), ipv6ToBigInt(e)]);
      out.v6.set(asn, list);
    });
  }
  cache.set(key, out);
  return out;
}

/** Numbered host addresses of a set of IPv4 ranges (.1 to .254 of every /24 they cover). */
export class IpV4Space {
  private readonly firstBlock: number[] = [];
  private readonly blockCount: number[] = [];
  private readonly cumulative: number[] = [];
  readonly size: number;

  constructor(ranges: readonly [number, number][]) {
    let total = 0;
    for (const [start, end] of ranges) {
      const first = Math.ceil(start / 256);
      const last = Math.floor((end + 1) / 256) - 1;
      if (last < first) continue; // ranges smaller than a /24 are skipped
      this.firstBlock.push(first);
      this.blockCount.push(last - first + 1);
      total += (last - first + 1) * 254;
      this.cumulative.push(total);
    }
    this.size = total;
  }

  /** The i-th host address, 0 <= i < size. */
  at(i: number): string {
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.cumulative[mid]! > i) hi = mid;
      else lo = mid + 1;
    }
    const offset = i - (lo === 0 ? 0 : this.cumulative[lo - 1]!);
    const block = this.firstBlock[lo]! + Math.floor(offset / 254);
    return intToIpv4(block * 256 + (offset % 254) + 1);
  }

  /** A /24 block number (address / 256) for the i-th address: for neighbours in one prefix. */
  static blockOf(ip: string): number {
    return Math.floor(ipv4ToInt(ip) / 256);
  }
}

/** Random addresses (a random /64 and interface id) inside a set of IPv6 ranges. */
export class IpV6Space {
  constructor(private readonly ranges: readonly [bigint, bigint][]) {}

  get empty(): boolean {
    return this.ranges.length === 0;
  }

  random(rng: Rng): string {
    const [start, end] = rng.pick(this.ranges);
    const first64 = start >> 64n;
    const span = (end >> 64n) - first64 + 1n;
    const r = ((BigInt(rng.uint32()) << 32n) | BigInt(rng.uint32())) % span;
    const iid = (BigInt((rng.uint32() | 0x02000000) >>> 0) << 32n) | BigInt(rng.uint32());
    return bigIntToIpv6(((first64 + r) << 64n) | iid);
  }
}

/** Whole-table IPv4 → ASN lookup (binary search over the sorted ranges); used to check the pools. */
export class AsnLookupV4 {
  private constructor(
    private readonly starts: Uint32Array,
    private readonly ends: Uint32Array,
    private readonly asns: Uint32Array,
  ) {}

  static load(): AsnLookupV4 {
    const starts: number[] = [];
    const ends: number[] = [];
    const asns: number[] = [];
    scanCsv(path.join(ASN_DB_DIR, "asn-ipv4.csv"), { has: () => true }, (s, e, asn) => {
      starts.push(ipv4ToInt(s));
      ends.push(ipv4ToInt(e));
      asns.push(asn);
    });
    return new AsnLookupV4(Uint32Array.from(starts), Uint32Array.from(ends), Uint32Array.from(asns));
  }

  /** The ASN announcing an IPv4 address, or null. */
  asnOf(ip: string): number | null {
    const x = ipv4ToInt(ip);
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      if (this.starts[mid]! <= x) lo = mid + 1;
      else hi = mid - 1;
    }
    return hi >= 0 && this.ends[hi]! >= x ? this.asns[hi]! : null;
  }
}
