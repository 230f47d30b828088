// Password-hashing worker (piscina): scrypt runs synchronously on this worker thread, so sign-ins never
// take a slot of libuv's thread pool, which file reads, DNS and the rest of the server's I/O share.
import { Buffer } from "node:buffer";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";

// On Linux this thread runs at a lower priority (nice 10) than the server's main thread and Neo4j: during a
// sign-in flood the hashing thread takes what CPU is left over, and pages, static files and signed-in
// requests go first. setpriority on a thread id affects that thread alone. Elsewhere this is skipped.
try {
  const tid = Number(fs.readlinkSync("/proc/thread-self").split("/").pop());
  if (Number.isInteger(tid) && tid > 0) os.setPriority(tid, Math.max(os.getPriority(tid), 10));
} catch {
  /* not Linux, or not allowed: the thread keeps the process's priority */
}

export default function scrypt({ password, salt, keyBytes, N, r, p, maxmem }) {
  return crypto.scryptSync(password, Buffer.from(salt), keyBytes, { N, r, p, maxmem });
}
