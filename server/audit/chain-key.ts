/**
 * Audit chain key
 * ===============
 *
 * The secret that keys the audit trail's hash chain (HMAC-SHA256), kept beside the evidence signing key
 * in the state directory (`audit-chain.key`, JSON, mode 600), never in the database: whoever can write
 * Neo4j but not read this file cannot recompute entry hashes, so a rewrite that is consistent under
 * plain SHA-256 still fails verification.
 *
 * The file also records `legacy_until_seq`, the chain head when the key was made: entries up to it were
 * written before the chain was keyed (plain SHA-256, chain version 1) and verify as such; any later entry
 * must be keyed, so a writer cannot downgrade entries to version 1 and recompute them.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

export const CHAIN_KEY_FILE = "audit-chain.key";

export interface ChainKey {
  key: Buffer;
  /** Entries with seq <= this were written before the key existed (null: none). */
  legacyUntilSeq: number | null;
  /** "SHA256:<hex, 16>" of the key, for logs and the verify report (not the key). */
  fingerprint: string;
}

function fingerprint(key: Buffer): string {
  return `SHA256:${crypto.createHash("sha256").update(key).digest("hex").slice(0, 16)}`;
}

function parse(text: string, file: string): ChainKey {
  const j = JSON.parse(text) as { v?: number; key?: string; legacy_until_seq?: number | null };
  const key = Buffer.from(String(j.key ?? ""), "base64");
  if (j.v !== 1 || key.length !== 32) throw new Error(`audit: ${file} is not a valid chain key file`);
  const legacy = j.legacy_until_seq ?? null;
  return { key, legacyUntilSeq: legacy, fingerprint: fingerprint(key) };
}

/** The key in `stateDir`, or null when it has not been made yet. */
export function readChainKey(stateDir: string): ChainKey | null {
  const file = path.join(stateDir, CHAIN_KEY_FILE);
  if (!fs.existsSync(file)) return null;
  return parse(fs.readFileSync(file, "utf8"), file);
}

/**
 * Loads the key, creating it on first use. `currentHeadSeq` is asked only when the key is created, to
 * mark where unkeyed history ends. Two processes racing to create it end up with one key (`wx`).
 */
export async function loadOrCreateChainKey(
  stateDir: string,
  currentHeadSeq: () => Promise<number | null>,
): Promise<ChainKey> {
  const existing = readChainKey(stateDir);
  if (existing) return existing;
  const head = await currentHeadSeq();
  fs.mkdirSync(stateDir, { recursive: true, mode: 0o700 });
  const file = path.join(stateDir, CHAIN_KEY_FILE);
  const body = JSON.stringify({
    v: 1,
    key: crypto.randomBytes(32).toString("base64"),
    legacy_until_seq: head && head > 0 ? head : null,
    created_at: new Date().toISOString(),
  });
  try {
    fs.writeFileSync(file, body + "\n", { mode: 0o600, flag: "wx" });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
  }
  return parse(fs.readFileSync(file, "utf8"), file);
}
