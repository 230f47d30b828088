/**
 * Run and cluster ids
 * ===================
 *
 * Run ids sort by start time (`R-20260521T021500Z-3fa2`); fresh cluster ids are short and random
 * (`C-` + 8 Crockford base-32 characters, 40 bits) so they never hint at an order or a count.
 */
import crypto from "node:crypto";
import os from "node:os";

const CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

export function newRunId(now = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, "").replace(/\.\d+/, "");
  return `R-${stamp}-${crypto.randomBytes(2).toString("hex")}`;
}

export function newClusterId(): string {
  const bytes = crypto.randomBytes(5);
  let bits = 0n;
  for (const b of bytes) bits = (bits << 8n) | BigInt(b);
  let out = "";
  for (let i = 0; i < 8; i++) out = CROCKFORD[Number((bits >> BigInt(5 * i)) & 31n)] + out;
  return `C-${out}`;
}

/** Who holds the lock: host, process and a random tag, so two runs of one process never look alike. */
export function newLockOwner(): string {
  return `${os.hostname()}:${process.pid}:${crypto.randomBytes(3).toString("hex")}`;
}
