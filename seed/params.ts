/**
 * Seed parameters
 * ===============
 *
 * Validation of SeedParams (seed/types.ts): ranges in order and within what the generator can plan, shares
 * between 0 and 1. Errors are ValidationErrors whose message starts "seed:".
 */
import { ValidationError } from "../server/errors.js";
import type { SeedParams } from "./types.js";

const share = (name: string, v: number | undefined) => {
  if (v !== undefined && !(v >= 0 && v <= 1))
    throw new ValidationError(`seed: ${name} must be between 0 and 1, got ${v}`);
};

const range = (name: string, v: [number, number] | undefined, lo: number, hi: number) => {
  if (v === undefined) return;
  const [a, b] = v;
  if (!Number.isInteger(a) || !Number.isInteger(b) || a < lo || b > hi || a > b)
    throw new ValidationError(`seed: ${name} must be integers ${lo} ≤ min ≤ max ≤ ${hi}, got [${a}, ${b}]`);
};

export function validateSeedParams(p: SeedParams): void {
  range("ringSize", p.ringSize, 3, 200);
  range("chainLinks", p.chainLinks, 2, 8);
  share("ringVpn", p.ringVpn);
  share("familyBurst", p.familyBurst);
  share("housemates", p.housemates);
  share("noise", p.noise);
  if (p.ringReuse !== undefined && !(p.ringReuse > 0 && p.ringReuse <= 1))
    throw new ValidationError(`seed: ringReuse must be in (0, 1], got ${p.ringReuse}`);
  if (p.lookalikeDensity !== undefined && !(p.lookalikeDensity >= 0 && p.lookalikeDensity <= 10))
    throw new ValidationError(`seed: lookalikeDensity must be between 0 and 10, got ${p.lookalikeDensity}`);
}
