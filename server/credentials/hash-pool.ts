/**
 * Password-hashing pool
 * =====================
 *
 * scrypt jobs run on a small pool of worker threads of their own (piscina, `SIGNIN_HASH_THREADS`, 1 by
 * default on this 2-core machine) with a bounded queue (`SIGNIN_HASH_QUEUE`). Node's own async scrypt
 * would run on libuv's 4-slot thread pool, which static files and other I/O also wait on: a flood of
 * sign-ins then stalled everything. A sign-in is admitted (`admitSignIn`) before its user is looked up and
 * holds its place until its hash ends; when `threads + queue` sign-ins hold one, a new one is refused at
 * once with 429 and a `Retry-After` of the time the queue needs to drain, so a flood costs the server
 * neither a database read nor a hash beyond the sign-ins already admitted (counting admissions, not the
 * pool's queue, also holds for a burst that arrives before any of its hashes is queued).
 */
import { Buffer } from "node:buffer";

import { Piscina } from "piscina";

import { RateLimitedError } from "../common/errors.js";

export interface HashPoolSettings {
  threads: number;
  queue: number;
}

export interface ScryptJob {
  password: string;
  salt: Buffer;
  keyBytes: number;
  N: number;
  r: number;
  p: number;
  maxmem: number;
}

let settings: HashPoolSettings = { threads: 1, queue: 8 };
let pool: Piscina | null = null;
/** Moving average of a job's run time, for Retry-After. */
let avgMs = 500;
/** Jobs run to the end since the process started (the tests count the work a sign-in costs). */
let jobsRun = 0;

export function hashJobsRun(): number {
  return jobsRun;
}

/** Sets the pool's size (before first use; a later call replaces an idle pool). */
export function configureHashPool(s: HashPoolSettings): void {
  if (pool && s.threads === settings.threads && s.queue === settings.queue) return;
  const old = pool;
  pool = null;
  settings = s;
  void old?.close();
}

function thePool(): Piscina {
  pool ??= new Piscina({
    filename: new URL("./scrypt.worker.mjs", import.meta.url).href,
    minThreads: settings.threads,
    maxThreads: settings.threads,
    // The bound is enforced by admitSignIn, for sign-ins only: an admin creating a user waits instead.
    maxQueue: Infinity,
    // Idle workers exit so that command-line tools and tests end on their own.
    idleTimeout: 30_000,
  });
  return pool;
}

/** Jobs waiting for a thread (not counting those running). */
export function hashQueueLength(): number {
  return pool?.queueSize ?? 0;
}

/** Sign-ins admitted and not yet done hashing. */
let admitted = 0;

/**
 * Admits a sign-in before anything else is done for it, or refuses it at once (429 with Retry-After) when
 * `threads + queue` sign-ins are already admitted: a flood of made-up names then costs neither a database
 * read nor a hash. The same for every user name, so the refusal tells nothing about which names exist.
 * Call the returned function once the sign-in's hash is done (calling it again does nothing).
 */
export function admitSignIn(): () => void {
  if (admitted >= settings.threads + settings.queue) {
    const seconds = Math.max(1, Math.ceil((admitted * avgMs) / settings.threads / 1000));
    throw new RateLimitedError("too many sign-ins are being checked right now: try again shortly", seconds);
  }
  admitted++;
  let released = false;
  return () => {
    if (released) return;
    released = true;
    admitted--;
  };
}

/** Runs one scrypt on the pool (sign-ins bound themselves through `admitSignIn`; other jobs wait their turn). */
export async function runScrypt(job: ScryptJob): Promise<Buffer> {
  const p = thePool();
  const t0 = performance.now();
  const out = (await p.run({ ...job, salt: new Uint8Array(job.salt) })) as Uint8Array;
  avgMs = avgMs * 0.8 + (performance.now() - t0) * 0.2;
  jobsRun++;
  return Buffer.from(out.buffer, out.byteOffset, out.byteLength);
}
