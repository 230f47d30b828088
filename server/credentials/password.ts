/**
 * Password hashing
 * ================
 *
 * scrypt from node:crypto (memory-hard), a random 16-byte salt per hash, parameters stored in the hash
 * so they can be raised later without invalidating old ones, and a timing-safe comparison.
 * Format: `scrypt$<log2 N>$<r>$<p>$<salt base64url>$<key base64url>`. The work runs on the hashing
 * pool's own threads (hash-pool.ts), never on libuv's thread pool.
 */
import crypto from "node:crypto";

import { runScrypt } from "./hash-pool.js";

const KEY_BYTES = 32;
const SALT_BYTES = 16;
const R = 8;
const P = 1;

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 256;

function scrypt(password: string, salt: Buffer, logN: number, r: number, p: number): Promise<Buffer> {
  const N = 2 ** logN;
  // Node refuses by default above 32 MiB; allow what the parameters need (128 * N * r bytes) with headroom.
  const maxmem = 256 * N * r * p;
  return runScrypt({ password: password.normalize("NFKC"), salt, keyBytes: KEY_BYTES, N, r, p, maxmem });
}

/** Hashes a password with cost 2^logN (17 = 128 MiB, about half a second on the reference machine). */
export async function hashPassword(password: string, logN: number): Promise<string> {
  const salt = crypto.randomBytes(SALT_BYTES);
  const key = await scrypt(password, salt, logN, R, P);
  return ["scrypt", logN, R, P, salt.toString("base64url"), key.toString("base64url")].join("$");
}

interface Parsed {
  logN: number;
  r: number;
  p: number;
  salt: Buffer;
  key: Buffer;
}

function parse(hash: string): Parsed | null {
  const parts = hash.split("$");
  if (parts.length !== 6 || parts[0] !== "scrypt") return null;
  const [logN, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
  if (![logN, r, p].every(Number.isInteger) || logN < 10 || logN > 22 || r < 1 || r > 32 || p < 1 || p > 16)
    return null;
  return { logN, r, p, salt: Buffer.from(parts[4]!, "base64url"), key: Buffer.from(parts[5]!, "base64url") };
}

/** True when `password` matches `hash`; a malformed hash never matches. */
export async function verifyPassword(password: string, hash: string): Promise<boolean> {
  const h = parse(hash);
  if (!h || h.key.length !== KEY_BYTES) return false;
  const key = await scrypt(password, h.salt, h.logN, h.r, h.p);
  return crypto.timingSafeEqual(key, h.key);
}

/** True when a stored hash is cheaper than today's setting, so sign-in should re-hash it. */
export function needsRehash(hash: string, logN: number): boolean {
  const h = parse(hash);
  return !h || h.logN < logN || h.r < R;
}

const dummies = new Map<number, string>();
/**
 * Spends the same time as a real check for a user name that does not exist, so response times do not
 * tell an attacker which names are accounts: one scrypt at today's cost against a fixed hash (its salt
 * is random; only its parameters matter, so it is made without hashing anything).
 */
export async function burnPasswordCheck(password: string, logN: number): Promise<void> {
  let dummy = dummies.get(logN);
  if (!dummy) {
    const salt = crypto.randomBytes(SALT_BYTES).toString("base64url");
    const key = crypto.randomBytes(KEY_BYTES).toString("base64url");
    dummies.set(logN, (dummy = ["scrypt", logN, R, P, salt, key].join("$")));
  }
  await verifyPassword(password, dummy);
}

/** A reason the password is not acceptable, or null. */
export function passwordProblem(password: string, username: string): string | null {
  if (password.length < PASSWORD_MIN_LENGTH) return `a password needs at least ${PASSWORD_MIN_LENGTH} characters`;
  if (password.length > PASSWORD_MAX_LENGTH) return `a password has at most ${PASSWORD_MAX_LENGTH} characters`;
  if (password.toLowerCase().includes(username.toLowerCase()) && username.length >= 3)
    return "a password must not contain the user name";
  if (new Set(password).size < 5) return "a password needs at least 5 different characters";
  return null;
}

/** A random password for first-start admins and resets: 20 characters from an unambiguous alphabet. */
export function generatePassword(length = 20): string {
  const alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
  let out = "";
  for (let i = 0; i < length; i++) out += alphabet[crypto.randomInt(alphabet.length)];
  return out;
}
