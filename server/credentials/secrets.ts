/**
 * Secret tokens
 * =============
 *
 * Session, CSRF and service-token secrets: 32 random bytes, base64url. Only their SHA-256 is stored;
 * the secrets are long and random, so a fast hash is enough (nothing to brute-force) and lookups can be
 * an index seek on the hash.
 */
import crypto from "node:crypto";

export function newSecret(prefix = ""): string {
  return prefix + crypto.randomBytes(32).toString("base64url");
}

export function sha256Hex(value: string | Buffer): string {
  return crypto.createHash("sha256").update(value).digest("hex");
}

/** Constant-time string equality (lengths may leak; the values are fixed-length secrets). */
export function safeEqual(a: string, b: string): boolean {
  const ab = Buffer.from(a);
  const bb = Buffer.from(b);
  return ab.length === bb.length && crypto.timingSafeEqual(ab, bb);
}

/** Service tokens start with this, so they are recognisable in logs and secret scanners. */
export const SERVICE_TOKEN_PREFIX = "rst_";
