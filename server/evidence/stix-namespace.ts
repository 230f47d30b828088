/**
 * This installation's STIX namespace
 * ==================================
 *
 * A random UUID generated once and kept in the state directory beside the signing key: every STIX id
 * this installation makes is a UUIDv5 under it, so CASE-0002 of two employers never gets the same id.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

export const NAMESPACE_FILE = "stix-namespace.uuid";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Loads the namespace from `stateDir`, creating it on first use (two processes racing end up with one). */
export function loadOrCreateStixNamespace(stateDir: string): string {
  const file = path.join(stateDir, NAMESPACE_FILE);
  if (!fs.existsSync(file)) {
    fs.mkdirSync(stateDir, { recursive: true, mode: 0o700 });
    try {
      fs.writeFileSync(file, `${crypto.randomUUID()}\n`, { flag: "wx", mode: 0o600 });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
    }
  }
  const ns = fs.readFileSync(file, "utf8").trim();
  if (!UUID.test(ns)) throw new Error(`evidence: ${file} does not hold a UUID`);
  return ns;
}
