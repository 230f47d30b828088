/**
 * Seeded randomness
 * =================
 *
 * A small wrapper over pure-rand's xoroshiro128+ with the helpers the generator needs. Every random choice
 * in the seed goes through an `Rng` passed explicitly; an `Rng` is derived from integer keys (the run seed,
 * a stream name, a serial number) through a 128-bit hashed state, so that any person, ring or group can be
 * regenerated on its own, in any order, with the same result.
 */
import { uniformFloat64 } from "pure-rand/distribution/uniformFloat64";
import { uniformInt } from "pure-rand/distribution/uniformInt";
import { xoroshiro128plusFromState } from "pure-rand/generator/xoroshiro128plus";
import type { RandomGenerator } from "pure-rand/types/RandomGenerator";

/** murmur3's 32-bit finaliser. */
export function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** A 32-bit hash of a list of integers (each taken modulo 2^32) and an optional salt. */
export function hashInts(keys: readonly number[], salt = 0): number {
  let h = (0x9e3779b9 ^ salt) >>> 0;
  for (const k of keys) {
    const lo = k >>> 0;
    const hi = Math.floor(k / 4294967296) >>> 0;
    h = fmix32((h ^ lo) + 0x7f4a7c15);
    if (hi) h = fmix32((h ^ hi) + 0x2545f491);
  }
  return h;
}

/** A 32-bit hash of a string (stream names). */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return fmix32(h >>> 0);
}

const stringHashes = new Map<string, number>();
/** Stream names repeat millions of times: hash each once. */
function cachedHash(s: string): number {
  let h = stringHashes.get(s);
  if (h === undefined) {
    h = hashString(s);
    if (stringHashes.size < 1000) stringHashes.set(s, h);
  }
  return h;
}

const HEX_BYTE = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, "0"));

export class Rng {
  private constructor(private readonly g: RandomGenerator) {}

  /** An independent stream for the given keys: strings are hashed, numbers used as they are. */
  static of(...keys: (number | string)[]): Rng {
    const ints = keys.map((k) => (typeof k === "string" ? cachedHash(k) : k));
    const state: number[] = [hashInts(ints, 1), hashInts(ints, 2), hashInts(ints, 3), hashInts(ints, 4)];
    if (!state.some((s) => s !== 0)) state[0] = 1;
    const rng = new Rng(xoroshiro128plusFromState(state.map((s) => s | 0)));
    // The first outputs of a freshly seeded xoroshiro are weakly mixed; skip them.
    for (let i = 0; i < 4; i++) rng.g.next();
    return rng;
  }

  /** A child stream keyed by this stream's next output and the given keys. */
  fork(...keys: (number | string)[]): Rng {
    return Rng.of(this.g.next() >>> 0, ...keys);
  }

  /** Uniform in [0, 1). */
  float(): number {
    return uniformFloat64(this.g);
  }

  /** Uniform integer in [min, max], both included. */
  int(min: number, max: number): number {
    return uniformInt(this.g, min, max);
  }

  /** A raw 32-bit unsigned value. */
  uint32(): number {
    return this.g.next() >>> 0;
  }

  chance(p: number): boolean {
    return p > 0 && this.float() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error("seed/rng: pick from an empty list");
    return items[this.int(0, items.length - 1)]!;
  }

  /** Picks by relative weights (a linear scan: for short lists; use WeightedTable for long ones). */
  weighted<T>(items: readonly (readonly [T, number])[]): T {
    let total = 0;
    for (const [, w] of items) total += w;
    let x = this.float() * total;
    for (const [v, w] of items) {
      x -= w;
      if (x < 0) return v;
    }
    return items[items.length - 1]![0];
  }

  /** Fisher–Yates, in place; returns the array. */
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = this.int(0, i);
      [items[i], items[j]] = [items[j]!, items[i]!];
    }
    return items;
  }

  /** Standard normal (Box–Muller). */
  normal(): number {
    const u = 1 - this.float();
    const v = this.float();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** Log-normal with the given median and log-space standard deviation. */
  lognormal(median: number, sigma: number): number {
    return median * Math.exp(sigma * this.normal());
  }

  /** Exponential with the given mean. */
  exponential(mean: number): number {
    return -mean * Math.log(1 - this.float());
  }

  /** n lower-case hexadecimal digits. */
  hex(n: number): string {
    let s = "";
    for (let i = 0; i < n; i += 4) {
      const v = this.g.next();
      s += HEX_BYTE[v & 255]! + HEX_BYTE[(v >>> 8) & 255]!;
    }
    return s.length === n ? s : s.slice(0, n);
  }

  /** n decimal digits (leading zeros allowed). */
  digits(n: number): string {
    let s = "";
    for (let i = 0; i < n; i++) s += String(this.int(0, 9));
    return s;
  }
}

/** Picks from a long weighted list in O(log n). */
export class WeightedTable<T> {
  private readonly cumulative: Float64Array;
  private readonly total: number;

  constructor(
    private readonly items: readonly T[],
    weights: readonly number[],
  ) {
    if (items.length === 0 || items.length !== weights.length) throw new Error("seed/rng: bad weighted table");
    this.cumulative = new Float64Array(items.length);
    let acc = 0;
    weights.forEach((w, i) => (this.cumulative[i] = acc += w));
    this.total = acc;
  }

  pick(rng: Rng): T {
    const x = rng.float() * this.total;
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.cumulative[mid]! > x) hi = mid;
      else lo = mid + 1;
    }
    return this.items[lo]!;
  }
}
