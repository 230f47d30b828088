/**
 * Configuration
 * =============
 *
 * The only module that reads `process.env`. Every tunable is declared, documented, defaulted and
 * validated here once; the rest of the code receives a frozen `Config`.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";

export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
/** Debian's Chromium; CHROMIUM_PATH names another. */
const DEFAULT_CHROMIUM_PATH = "/usr/bin/chromium";

const intFrom = (def: number, min = 0) => z.coerce.number().int().min(min).default(def);
const boolFrom = (def: boolean) =>
  z
    .enum(["1", "0", "true", "false", "yes", "no", ""])
    .default(def ? "1" : "0")
    .transform((v) => v === "1" || v === "true" || v === "yes");

const EnvSchema = z.object({
  /** HTTP port of the API server (0 picks a free one, used by tests). */
  PORT: intFrom(3000),
  /** Interface the API server binds to; loopback unless deliberately exposed. */
  HOST: z.string().default("127.0.0.1"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /** An existing Neo4j server (container, Aura, cluster). When set, nothing is installed or started. */
  NEO4J_URI: z.string().optional(),
  NEO4J_USER: z.string().default("neo4j"),
  NEO4J_PASSWORD: z.string().optional(),
  NEO4J_DATABASE: z.string().default("neo4j"),
  /** Where the project's own Neo4j is installed and its instances keep their data. */
  RINGSCOPE_NEO4J_HOME: z.string().default(path.join(PROJECT_ROOT, ".neo4j")),
  /** Name of the local instance: `dev` for `npm start`, `test` for `npm test`, anything else for side-by-side runs. */
  RINGSCOPE_NEO4J_INSTANCE: z
    .string()
    .regex(/^[a-z0-9-]{1,32}$/, "lower-case letters, digits and dashes")
    .default("dev"),
  /** Bolt port of the local instance; by default 7687 for `dev`, 7688 for `test`, else derived from the name. */
  RINGSCOPE_NEO4J_BOLT_PORT: z.coerce.number().int().min(1024).max(65535).optional(),
  RINGSCOPE_NEO4J_VERSION: z.string().default("5.26.30"),
  /** Heap and page cache of the local instance (Neo4j size syntax). Sized for 2 cores / 24 GB. */
  RINGSCOPE_NEO4J_HEAP: z.string().default(""),
  RINGSCOPE_NEO4J_PAGECACHE: z.string().default(""),
  /** Rows per UNWIND write transaction during ingest. */
  INGEST_BATCH_SIZE: intFrom(2000, 1),
  /** Largest body accepted by POST /api/ingest. */
  INGEST_MAX_BODY: z.string().default("20mb"),
  /** Applications loaded by `npm start` into an empty database; 0 serves an empty database as it is. */
  DEMO_APPS: intFrom(20000, 0).refine((v) => v === 0 || v >= 1000, "DEMO_APPS is 0 (no demo) or at least 1000"),
  DEMO_SEED: intFrom(42),
  /** Cron expression for scheduled detection; empty disables it. */
  DETECT_CRON: z.string().default("15 2 * * *"),
  /** An ingest of more than this many accepted records triggers a detection run (0 disables). */
  DETECT_AFTER_INGEST_RECORDS: intFrom(1000),
  /** Finished detection runs kept in the database. */
  RUNS_TO_KEEP: intFrom(10, 1),
  /**
   * Runs after an ingest (and `npm run detect -- --incremental`) start from the previous run's input and
   * recompute only the components the new applications touched; every run then keeps its input and memo
   * (a few hundred MB at a million applications). false: every run reads the whole graph.
   */
  DETECT_INCREMENTAL: boolFrom(true),
  /**
   * Folder for that state, so another process can continue from it; by default the managed instance's
   * folder (.neo4j/<instance>/detect-state), none against an external server (kept in memory only).
   */
  DETECT_STATE_DIR: z.string().default(""),
  /** Detection scales each rule's points by the triage verdicts on it (server/rules/adjust.ts). */
  DETECT_ADJUST_FROM_VERDICTS: boolFrom(false),
  /** Screening: `block` at or above this risk score (server/screen/decision.ts)… */
  SCREEN_BLOCK_AT: z.coerce.number().int().min(1).max(100).default(70),
  /** …`review` at or above this one… */
  SCREEN_REVIEW_AT: z.coerce.number().int().min(1).max(100).default(40),
  /** …and what a watchlist hit forces at least. */
  SCREEN_WATCHLIST_DECISION: z.enum(["block", "review"]).default("block"),
  /** Seconds between rebuilds of the watchlist's automatic part from the verdicts (0 disables the timer). */
  WATCHLIST_SYNC_SECONDS: intFrom(60, 0),
  /** Password for the first admin; a one-time password is printed when unset. */
  RINGSCOPE_ADMIN_PASSWORD: z.string().optional(),
  /** A signed-in session ends after this many minutes without a request… */
  SESSION_IDLE_MINUTES: intFrom(60, 1),
  /** …and after this many hours in any case. */
  SESSION_MAX_HOURS: intFrom(12, 1),
  /** Failed sign-ins allowed per IP address and user name in 15 minutes. */
  SIGNIN_RATE_LIMIT: intFrom(10, 1),
  /** API requests allowed per minute to a signed-out caller, per IP address (0 disables the limit). */
  API_RATE_LIMIT: intFrom(600, 0),
  /**
   * API requests allowed per minute to one signed-in session or service token (0 disables the limit):
   * a busy investigator's page makes a few requests a second at most; 3,000 a minute is 50 a second.
   */
  SESSION_RATE_LIMIT: intFrom(3000, 0),
  /**
   * Seconds a live service token is kept in memory after it was read (0 reads it on every request).
   * Revoking through this server drops it at once; a revocation made elsewhere (the users CLI, another
   * server) is honoured within this many seconds.
   */
  TOKEN_CACHE_SECONDS: intFrom(5, 0),
  /**
   * A signed-out caller refused with 429 (address limit, sign-in queue full) gets the answer after this
   * many milliseconds (at most its Retry-After; 0 answers at once): a script that retries as soon as it is
   * answered then sends one request a second per connection instead of taking the server's CPU from
   * everyone else. At most REFUSALS_HELD answers wait at once; beyond that they go out at once.
   */
  REFUSAL_HOLD_MS: intFrom(1000, 0),
  REFUSALS_HELD: intFrom(2000, 0),
  /** Wrong current passwords allowed per user in 15 minutes on a password change. */
  PASSWORD_CHANGE_RATE_LIMIT: intFrom(5, 1),
  /** Threads that hash passwords (scrypt), apart from Node's I/O thread pool. */
  SIGNIN_HASH_THREADS: intFrom(1, 1),
  /** Password checks that may wait for a hashing thread; more are refused with 429 and Retry-After. */
  SIGNIN_HASH_QUEUE: intFrom(8, 1),
  /**
   * Express's "trust proxy": whether X-Forwarded-For gives the client's address. Empty or "false" (the
   * default) ignores it; a number trusts that many proxies in front; otherwise addresses or subnets of
   * trusted proxies, comma-separated ("loopback", "10.0.0.0/8"). Only set it behind a proxy you run.
   */
  TRUST_PROXY: z.string().default(""),
  /** Marks session cookies Secure (HTTPS only); on by default in production. */
  COOKIE_SECURE: z.enum(["1", "0", "true", "false", "yes", "no", ""]).optional(),
  /** log2 of scrypt's cost N for new password hashes (17 = 128 MiB per hash, OWASP's minimum). */
  RINGSCOPE_SCRYPT_LOG_N: intFrom(17, 14),
  /**
   * The organisation named as the exporter in evidence reports, package READMEs and STIX bundles. Unset,
   * packages say plainly that it is not set rather than inventing a name.
   */
  RINGSCOPE_ORGANISATION: z.string().default(""),
  /** Audit entries waiting to be written before new ones wait (then 503); see server/audit/sequencer.ts. */
  AUDIT_MAX_QUEUE: intFrom(10000, 1),
  /** Largest batch of audit entries written in one transaction (group commit). */
  AUDIT_MAX_BATCH: intFrom(500, 1),
  /** Directory for the server's signing key and other local secrets. */
  RINGSCOPE_STATE_DIR: z.string().default(path.join(PROJECT_ROOT, ".ringscope")),
  /** Path of the Chromium used for PDFs, browser tests and bench:client. */
  CHROMIUM_PATH: z.string().default(DEFAULT_CHROMIUM_PATH),
  /** Any value: CLIs print an error's stack, and `npm run detect` logs at debug level. */
  RINGSCOPE_DEBUG: z.string().default(""),
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  CI: boolFrom(false),
});

export type Env = z.infer<typeof EnvSchema>;

export interface Config {
  port: number;
  host: string;
  logLevel: Env["LOG_LEVEL"];
  env: Env["NODE_ENV"];
  neo4j: {
    /** True when the project runs its own server; false when NEO4J_URI points elsewhere. */
    managed: boolean;
    uri: string;
    user: string;
    password: string | undefined;
    database: string;
    home: string;
    instance: string;
    boltPort: number;
    version: string;
    heap: string;
    pagecache: string;
  };
  ingest: { batchSize: number; maxBody: string };
  demo: { apps: number; seed: number };
  detect: {
    cron: string;
    afterIngestRecords: number;
    runsToKeep: number;
    adjustFromVerdicts: boolean;
    incremental: boolean;
    /** The state file of incremental detection (server/runs/detection-state.ts); null: memory only. */
    stateFile: string | null;
  };
  screen: { blockAt: number; reviewAt: number; watchlistDecision: "block" | "review"; watchlistSyncSeconds: number };
  auth: {
    adminPassword: string | undefined;
    sessionIdleMinutes: number;
    sessionMaxHours: number;
    signinRateLimit: number;
    apiRateLimit: number;
    sessionRateLimit: number;
    passwordChangeRateLimit: number;
    refusalHoldMs: number;
    refusalsHeld: number;
    hashThreads: number;
    hashQueue: number;
    cookieSecure: boolean;
    scryptLogN: number;
    tokenCacheSeconds: number;
  };
  evidence: { organisation: string };
  audit: { maxQueue: number; maxBatch: number };
  /** Express "trust proxy" value: false, a hop count, or trusted addresses. */
  trustProxy: boolean | number | string;
  stateDir: string;
  chromiumPath: string;
  /** RINGSCOPE_DEBUG is set. */
  debug: boolean;
  ci: boolean;
}

function parseTrustProxy(v: string): boolean | number | string {
  const t = v.trim();
  if (!t || ["false", "0", "no", "off"].includes(t.toLowerCase())) return false;
  if (/^\d+$/.test(t)) return Number(t);
  return t;
}

/** Incremental detection's state file: in DETECT_STATE_DIR, else the managed instance's folder, else none. */
function stateFile(dir: string, managed: boolean, home: string, instance: string, database: string): string | null {
  const folder = dir.trim() || (managed ? path.join(home, instance, "detect-state") : "");
  return folder ? path.resolve(folder, `${database}.v8`) : null;
}

function defaultBoltPort(instance: string): number {
  if (instance === "dev") return 7687;
  if (instance === "test") return 7688;
  let h = 0;
  for (const ch of instance) h = (h * 31 + ch.charCodeAt(0)) % 1000;
  return 17000 + h;
}

/** Parses an environment (default `process.env`) into a frozen Config, failing fast with every problem named. */
export function loadConfig(source: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new Error(`config: invalid environment: ${problems}`);
  }
  const e = parsed.data;
  const instance = e.RINGSCOPE_NEO4J_INSTANCE;
  const boltPort = e.RINGSCOPE_NEO4J_BOLT_PORT ?? defaultBoltPort(instance);
  // Only the test suite's instance is small; benchmarks and evaluations measure the production sizing.
  const isTest = instance === "test";
  if (e.SCREEN_REVIEW_AT >= e.SCREEN_BLOCK_AT)
    throw new Error("config: invalid environment: SCREEN_REVIEW_AT must be below SCREEN_BLOCK_AT");
  return Object.freeze({
    port: e.PORT,
    host: e.HOST,
    logLevel: e.LOG_LEVEL,
    env: e.NODE_ENV,
    neo4j: Object.freeze({
      managed: !e.NEO4J_URI,
      uri: e.NEO4J_URI ?? `bolt://127.0.0.1:${boltPort}`,
      user: e.NEO4J_USER,
      password: e.NEO4J_PASSWORD,
      database: e.NEO4J_DATABASE,
      home: e.RINGSCOPE_NEO4J_HOME,
      instance,
      boltPort,
      version: e.RINGSCOPE_NEO4J_VERSION,
      // 24 GB and 2 cores: room for a million applications; the test instance stays small.
      heap: e.RINGSCOPE_NEO4J_HEAP || (isTest ? "1g" : "4g"),
      pagecache: e.RINGSCOPE_NEO4J_PAGECACHE || (isTest ? "512m" : "4g"),
    }),
    ingest: Object.freeze({ batchSize: e.INGEST_BATCH_SIZE, maxBody: e.INGEST_MAX_BODY }),
    demo: Object.freeze({ apps: e.DEMO_APPS, seed: e.DEMO_SEED }),
    detect: Object.freeze({
      cron: e.DETECT_CRON,
      afterIngestRecords: e.DETECT_AFTER_INGEST_RECORDS,
      runsToKeep: e.RUNS_TO_KEEP,
      adjustFromVerdicts: e.DETECT_ADJUST_FROM_VERDICTS,
      incremental: e.DETECT_INCREMENTAL,
      stateFile: stateFile(e.DETECT_STATE_DIR, !e.NEO4J_URI, e.RINGSCOPE_NEO4J_HOME, instance, e.NEO4J_DATABASE),
    }),
    screen: Object.freeze({
      blockAt: e.SCREEN_BLOCK_AT,
      reviewAt: e.SCREEN_REVIEW_AT,
      watchlistDecision: e.SCREEN_WATCHLIST_DECISION,
      watchlistSyncSeconds: e.WATCHLIST_SYNC_SECONDS,
    }),
    auth: Object.freeze({
      adminPassword: e.RINGSCOPE_ADMIN_PASSWORD,
      sessionIdleMinutes: e.SESSION_IDLE_MINUTES,
      sessionMaxHours: e.SESSION_MAX_HOURS,
      signinRateLimit: e.SIGNIN_RATE_LIMIT,
      apiRateLimit: e.API_RATE_LIMIT,
      sessionRateLimit: e.SESSION_RATE_LIMIT,
      passwordChangeRateLimit: e.PASSWORD_CHANGE_RATE_LIMIT,
      refusalHoldMs: e.REFUSAL_HOLD_MS,
      refusalsHeld: e.REFUSALS_HELD,
      hashThreads: e.SIGNIN_HASH_THREADS,
      hashQueue: e.SIGNIN_HASH_QUEUE,
      cookieSecure: e.COOKIE_SECURE ? ["1", "true", "yes"].includes(e.COOKIE_SECURE) : e.NODE_ENV === "production",
      scryptLogN: e.RINGSCOPE_SCRYPT_LOG_N,
      tokenCacheSeconds: e.TOKEN_CACHE_SECONDS,
    }),
    evidence: Object.freeze({ organisation: e.RINGSCOPE_ORGANISATION }),
    audit: Object.freeze({ maxQueue: e.AUDIT_MAX_QUEUE, maxBatch: e.AUDIT_MAX_BATCH }),
    trustProxy: parseTrustProxy(e.TRUST_PROXY),
    stateDir: e.RINGSCOPE_STATE_DIR,
    chromiumPath: e.CHROMIUM_PATH,
    debug: e.RINGSCOPE_DEBUG !== "",
    ci: e.CI,
  });
}

/**
 * The environment a tool runs with and hands its child processes: `source` (default `process.env`) with
 * the tool's `defaults` filling what is unset or empty (e.g. its own Neo4j instance and sizing), and
 * `overrides` on top. Tools read the environment through here, not `process.env`.
 */
export function toolEnv(
  defaults: Record<string, string>,
  overrides: Record<string, string> = {},
  source: NodeJS.ProcessEnv = process.env,
): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...source };
  for (const [k, v] of Object.entries(defaults)) if (!env[k]) env[k] = v;
  return { ...env, ...overrides };
}

/**
 * RINGSCOPE_DEBUG alone, for a CLI's last-chance error handler: it must not parse the whole environment,
 * since the error it reports may be that the environment does not parse.
 */
export function debugEnabled(source: NodeJS.ProcessEnv = process.env): boolean {
  return Boolean(source.RINGSCOPE_DEBUG);
}
