/**
 * Password-hashing pool
 * =====================
 *
 * scrypt jobs run on a small pool of worker threads of their own (piscina, `SIGNIN_HASH_THREADS`, 1 by
 * default on this 2-core machine) with a bounded queue (`SIGNIN_HASH_QUEUE`). Node's own async scrypt
 * would run on libuv's 4-slot thread pool, which static files and other I/O also wait on: a flood of
 * sign-ins then stalled everything. When the queue is full a new job is refused at once with 429 and a
 * `Retry-After` of the time the queue needs to drain, so a flood costs the server almost nothing beyond
 * the jobs already queued.
 */
import { Buffer } from "node:buffer";

import { Piscina } from "piscina";

import { RateLimitedError } from "../errors.js";

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
    // The bound is enforced below, for sign-in checks only: an admin creating a user waits instead.
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

/**
 * Refuses a sign-in at once (429 with Retry-After) when the queue is full, before anything else is done
 * for it: a flood of made-up names then costs neither a database read nor a hash. The same for every user
 * name, so the refusal tells nothing about which names exist.
 */
export function refuseSignInWhenBusy(): void {
  const p = thePool();
  if (p.queueSize >= settings.queue) {
    const seconds = Math.max(1, Math.ceil(((p.queueSize + settings.threads) * avgMs) / settings.threads / 1000));
    throw new RateLimitedError("too many sign-ins are being checked right now: try again shortly", seconds);
  }
}

/**
 * Runs one scrypt on the pool. With `refuseWhenBusy` (sign-in checks, which anyone can send) a full queue
 * refuses at once with 429; other jobs (signed-in users and admins setting passwords) wait their turn.
 */
export async function runScrypt(job: ScryptJob, refuseWhenBusy: boolean): Promise<Buffer> {
  const p = thePool();
  if (refuseWhenBusy) refuseSignInWhenBusy();
  const t0 = performance.now();
  const out = (await p.run({ ...job, salt: new Uint8Array(job.salt) })) as Uint8Array;
  avgMs = avgMs * 0.8 + (performance.now() - t0) * 0.2;
  jobsRun++;
  return Buffer.from(out.buffer, out.byteOffset, out.byteLength);
}
