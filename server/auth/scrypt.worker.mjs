// Password-hashing worker (piscina): scrypt runs synchronously on this worker thread, so sign-ins never
// take a slot of libuv's thread pool, which file reads, DNS and the rest of the server's I/O share.
import { Buffer } from "node:buffer";
import crypto from "node:crypto";

export default function scrypt({ password, salt, keyBytes, N, r, p, maxmem }) {
  return crypto.scryptSync(password, Buffer.from(salt), keyBytes, { N, r, p, maxmem });
}
