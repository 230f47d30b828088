/**
 * Evidence signing key
 * ====================
 *
 * The server's Ed25519 key pair (node:crypto), generated once and kept in the state directory (private
 * key PKCS#8 PEM, mode 600). Packages carry the public key; recipients compare its fingerprint with the
 * one published for the server (README, `npm run evidence:verify -- --public-key`).
 */
import crypto, { type KeyObject } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

export const KEY_FILE = "evidence-ed25519.pem";

export interface SigningKey {
  privateKey: KeyObject;
  publicKeyPem: string;
  fingerprint: string;
}

/** "SHA256:<base64>" of the DER public key, as OpenSSH prints fingerprints. */
export function keyFingerprint(publicKeyPem: string): string {
  const der = crypto.createPublicKey(publicKeyPem).export({ type: "spki", format: "der" });
  return `SHA256:${crypto.createHash("sha256").update(der).digest("base64").replace(/=+$/, "")}`;
}

function fromPrivatePem(pem: string): SigningKey {
  const privateKey = crypto.createPrivateKey(pem);
  if (privateKey.asymmetricKeyType !== "ed25519") throw new Error("evidence: the signing key is not an Ed25519 key");
  const publicKeyPem = crypto.createPublicKey(privateKey).export({ type: "spki", format: "pem" }).toString();
  return { privateKey, publicKeyPem, fingerprint: keyFingerprint(publicKeyPem) };
}

/** Loads the key from `stateDir`, creating it on first use (two processes racing end up with one key). */
export function loadOrCreateSigningKey(stateDir: string): SigningKey {
  const file = path.join(stateDir, KEY_FILE);
  if (!fs.existsSync(file)) {
    fs.mkdirSync(stateDir, { recursive: true, mode: 0o700 });
    const { privateKey } = crypto.generateKeyPairSync("ed25519");
    const pem = privateKey.export({ type: "pkcs8", format: "pem" }).toString();
    try {
      fs.writeFileSync(file, pem, { flag: "wx", mode: 0o600 });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
    }
  }
  return fromPrivatePem(fs.readFileSync(file, "utf8"));
}

export function signBytes(data: Buffer, key: SigningKey): Buffer {
  return crypto.sign(null, data, key.privateKey);
}

export function verifyBytes(data: Buffer, signature: Buffer, publicKeyPem: string): boolean {
  try {
    return crypto.verify(null, data, crypto.createPublicKey(publicKeyPem), signature);
  } catch {
    return false;
  }
}

/**
 * A secret derived from the signing key for keyed pseudonyms (HMAC): stable across restarts, so the
 * same identifier gets the same pseudonym in every export of a case, and unknown to recipients.
 */
export function pseudonymSecret(key: SigningKey): Buffer {
  const raw = key.privateKey.export({ type: "pkcs8", format: "der" });
  return crypto.createHmac("sha256", "ringscope/pseudonyms/v1").update(raw).digest();
}
