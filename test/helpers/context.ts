/**
 * Integration-test context: the real test database, the app built by the composition root, and a
 * listening server on an ephemeral port with small fetch helpers that sign in for you.
 *
 * `ctx.api(path, init)` acts as a signed-in lead (session cookie, and the X-CSRF-Token header on
 * state-changing requests); `ctx.as(role)` acts as another role ("service" uses a Bearer service token
 * with every scope); `ctx.anonymous` sends no credentials. Test users are created on first use and
 * again after a test empties the database (a 401 on a cached session, or a 413 because a gone session
 * made the caller signed out, signs in afresh, once).
 */
import type { Server } from "node:http";
import { Readable } from "node:stream";

import { createApp } from "../../server/app.js";
import { systemActor } from "../../server/audit/actor.js";
import { TOKEN_SCOPES, type UserRole } from "../../server/common/users.js";
import { loadConfig, type Config } from "../../server/config.js";
import { buildContainer, type Container } from "../../server/container.js";
import { connectDatabase, type Database } from "../../server/db/database.js";
import { IngestRepository } from "../../server/ingest/ingest.repository.js";
import { ingestRecords, type IngestSummary } from "../../server/ingest/pipeline.js";
import { readRecords } from "../../server/ingest/readers.js";
import { MemoryRejectSink } from "../../server/ingest/rejects.js";
import { ConflictError } from "../../server/common/errors.js";
import { createLogger } from "../../server/logger.js";

export interface ApiResult {
  status: number;
  body: any;
  headers: Headers;
}

export interface Api {
  /** Fetches `path` and parses a JSON answer (other bodies stay text). */
  (path: string, init?: RequestInit): Promise<ApiResult>;
  /** The raw Response, for downloads (ZIP, PDF). */
  raw(path: string, init?: RequestInit): Promise<Response>;
}

export type TestRole = UserRole | "service";

export interface TestContext {
  config: Config;
  db: Database;
  container: Container;
  baseUrl: string;
  /** Acts as a signed-in lead. */
  api: Api;
  as(role: TestRole): Api;
  anonymous: Api;
  /** User name and password of the test user for a role (created on first use). */
  credentials(role: UserRole): Promise<{ username: string; password: string }>;
  /** Signs in as `role` and returns the cookies a browser would hold (for browser tests). */
  signIn(role: UserRole): Promise<{ session: string; csrf: string }>;
  close(): Promise<void>;
}

export async function emptyDatabase(db: Database): Promise<void> {
  await new IngestRepository(db).deleteAll();
}

/** Test-only defaults: a cheaper scrypt cost (sign-ins in every file) and a roomy API rate limit. */
const TEST_ENV = { RINGSCOPE_SCRYPT_LOG_N: "14", API_RATE_LIMIT: "100000" };

/** Ingests records as NDJSON through the CLI's pipeline (reader, batches, rejects kept in memory). */
export async function ingestList(db: Database, records: readonly object[], batchSize = 500): Promise<IngestSummary> {
  const ndjson = records.map((r) => JSON.stringify(r)).join("\n");
  return ingestRecords(new IngestRepository(db), readRecords(Readable.from([ndjson]), "ndjson"), {
    batchSize,
    rejects: new MemoryRejectSink(),
  });
}

export const testPassword = (role: UserRole) => `${role}-ringscope-test-pw`;

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text; // non-JSON bodies (files) stay text
  }
}

export async function createTestContext(opts: { empty?: boolean; env?: NodeJS.ProcessEnv } = {}): Promise<TestContext> {
  const config = loadConfig({ ...TEST_ENV, ...process.env, ...opts.env });
  const db = await connectDatabase(config, { startIfNeeded: false });
  if (opts.empty ?? true) await emptyDatabase(db);
  await db.applySchema();
  const container = await buildContainer(config, db, createLogger("silent"));
  const app = createApp(container.appDeps);
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, "127.0.0.1", () => resolve(s));
  });
  const addr = server.address();
  const baseUrl = `http://127.0.0.1:${typeof addr === "object" && addr ? addr.port : 0}`;
  const security = container.services;

  async function ensureUser(role: UserRole): Promise<{ username: string; password: string }> {
    const creds = { username: `test-${role}`, password: testPassword(role) };
    try {
      await security.users.create(
        {
          username: creds.username,
          display_name: `Test ${role}`,
          role,
          password: creds.password,
          must_change_password: false,
        },
        systemActor("test"),
      );
    } catch (err) {
      if (!(err instanceof ConflictError)) throw err;
    }
    return creds;
  }

  async function signIn(role: UserRole): Promise<{ session: string; csrf: string }> {
    const creds = await ensureUser(role);
    const res = await fetch(`${baseUrl}/api/auth/signin`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(creds),
    });
    if (res.status !== 200) throw new Error(`test sign-in as ${role} failed: ${res.status} ${await res.text()}`);
    const jar: Record<string, string> = {};
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(";");
      const i = pair!.indexOf("=");
      jar[pair!.slice(0, i)] = pair!.slice(i + 1);
    }
    return { session: jar.rs_session!, csrf: jar.rs_csrf! };
  }

  type Credential = { cookie?: string; csrf?: string; bearer?: string };
  const cache = new Map<TestRole, Credential>();
  async function credential(role: TestRole): Promise<Credential> {
    const known = cache.get(role);
    if (known) return known;
    let cred: Credential;
    if (role === "service") {
      const { secret } = await security.users.createToken(
        { name: "test-service", scopes: [...TOKEN_SCOPES] },
        systemActor("test"),
      );
      cred = { bearer: secret };
    } else {
      const s = await signIn(role);
      cred = { cookie: `rs_session=${s.session}; rs_csrf=${s.csrf}`, csrf: s.csrf };
    }
    cache.set(role, cred);
    return cred;
  }

  function client(role: TestRole | null): Api {
    const send = async (path: string, init: RequestInit = {}, cred: Credential | null): Promise<Response> => {
      const headers = new Headers();
      if (cred?.cookie) headers.set("cookie", cred.cookie);
      if (cred?.bearer) headers.set("authorization", `Bearer ${cred.bearer}`);
      const method = (init.method ?? "GET").toUpperCase();
      if (cred?.csrf && method !== "GET" && method !== "HEAD") headers.set("x-csrf-token", cred.csrf);
      new Headers(init.headers).forEach((v, k) => headers.set(k, v));
      return fetch(baseUrl + path, { ...init, headers });
    };
    const raw = async (path: string, init?: RequestInit): Promise<Response> => {
      if (!role) return send(path, init, null);
      const cred = await credential(role);
      const res = await send(path, init, cred);
      if (res.status !== 401 && res.status !== 413) return res;
      // A 413 can also mean the session is gone: a signed-out caller's body limit is small. Ask who we are.
      if (res.status === 413 && (await send("/api/auth/me", {}, cred)).status !== 401) return res;
      // The session (or the user) is gone, e.g. the test emptied the database: sign in afresh, once.
      cache.delete(role);
      return send(path, init, await credential(role));
    };
    const api = (async (path: string, init?: RequestInit) => {
      const res = await raw(path, init);
      return { status: res.status, body: parseJson(await res.text()), headers: res.headers };
    }) as Api;
    api.raw = raw;
    return api;
  }

  const clients = new Map<TestRole, Api>();
  return {
    config,
    db,
    container,
    baseUrl,
    api: client("lead"),
    as(role) {
      if (!clients.has(role)) clients.set(role, client(role));
      return clients.get(role)!;
    },
    anonymous: client(null),
    credentials: ensureUser,
    signIn,
    async close() {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
      await container.shutdown();
      await db.close();
    },
  };
}
