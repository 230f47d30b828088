/**
 * Collision-free identifier spaces
 * ================================
 *
 * Strangers must not share a phone number, a home IP or a shipping address by accident: in the graph
 * that would be a link no one put there. Drawing them at random from a finite space collides (a birthday
 * problem: about a thousand shared home IPs at a million applicants). Instead, every person, household,
 * office or ring gets a unique serial number and each identifier space maps serials to values through an
 * affine bijection `i -> (a*i + b) mod size`: distinct serials give distinct values, and consecutive
 * serials land far apart, so the values look random.
 */
import { hashInts } from "../server/common/rng.js";

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}

/** (a * i) mod m without leaving the exact integer range of a double (a, i, m < 2^31). */
function mulmod(a: number, i: number, m: number): number {
  const hi = Math.floor(a / 65536);
  const lo = a % 65536;
  return (((hi * i) % m) * 65536 + lo * i) % m;
}

export class Bijection {
  private readonly a: number;
  private readonly b: number;

  constructor(
    readonly size: number,
    salt: number,
  ) {
    if (!Number.isInteger(size) || size < 2 || size >= 2 ** 31) throw new Error(`seed/bijection: bad size ${size}`);
    let a = (Math.floor(size * 0.6180339887) + (hashInts([salt], 11) % 9973)) % size || 1;
    while (gcd(a, size) !== 1) a = (a + 1) % size || 1;
    this.a = a;
    this.b = hashInts([salt], 12) % size;
  }

  /** The value for serial i, 0 <= i < size. */
  at(i: number): number {
    if (!(i >= 0 && i < this.size)) throw new Error(`seed/bijection: serial ${i} outside 0..${this.size - 1}`);
    return (mulmod(this.a, i, this.size) + this.b) % this.size;
  }
}

/** Splits an index into mixed-radix digits, least significant first: index 7 in [2, 5] -> [1, 3]. */
export function digitsOf(index: number, radices: readonly number[]): number[] {
  const out: number[] = [];
  let rest = index;
  for (const r of radices) {
    out.push(rest % r);
    rest = Math.floor(rest / r);
  }
  return out;
}
