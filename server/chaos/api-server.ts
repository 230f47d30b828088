/**
 * Chaos: the API server as a child process, and an HTTP client that survives its death
 * ===================================================================================
 *
 * Starts `server/index.ts` against the chaos instance (as an external server, no demo, no scheduled or
 * automatic detection) and waits until it answers. Each server process gets its own undici pool: after a
 * kill -9 the old pool's keep-alive sockets are dead, and reusing them is what made the first version of
 * this script fail with "fetch failed" on the sign-in after a restart.
 */
import crypto from "node:crypto";
import net from "node:net";

import { Pool } from "undici";

import { systemActor } from "../audit/actor.js";
import type { Config } from "../config.js";
import { buildContainer } from "../container.js";
import type { Database } from "../db/database.js";
import { createLogger } from "../logger.js";
import { runScript, type Child } from "./processes.js";

export const freePort = () =>
  new Promise<number>((resolve) => {
    const s = net.createServer().listen(0, "127.0.0.1", () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });

export interface HttpAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** One running API server and a connection pool that belongs to it alone. */
export class ApiServer {
  private constructor(
    readonly child: Child,
    readonly port: number,
    private pool: Pool,
    readonly startSeconds: number,
  ) {}

  static async start(env: NodeJS.ProcessEnv, port: number): Promise<ApiServer> {
    const t0 = performance.now();
    const child = runScript("server/index.ts", [], {
      ...env,
      PORT: String(port),
      HOST: "127.0.0.1",
      LOG_LEVEL: "warn",
      DETECT_CRON: "",
      DETECT_AFTER_INGEST_RECORDS: "0",
      DEMO_APPS: "0",
    });
    const deadline = Date.now() + 15 * 60_000;
    while (Date.now() < deadline && child.running()) {
      const probe = new Pool(`http://127.0.0.1:${port}`, { connections: 1 });
      try {
        const res = await probe.request({ method: "GET", path: "/api/health", headersTimeout: 10_000 });
        await res.body.dump();
        if (res.statusCode < 500)
          return new ApiServer(
            child,
            port,
            new Pool(`http://127.0.0.1:${port}`, { connections: 8 }),
            (performance.now() - t0) / 1000,
          );
      } catch {
        /* not listening yet */
      } finally {
        await probe.destroy();
      }
      await new Promise((r) => setTimeout(r, 500));
    }
    const exit = await child.kill9();
    throw new Error(`chaos: the API server did not come up: ${exit.stderr.slice(-800)}`);
  }

  /** A request on this server's own pool; the body is read in full. Throws when the transfer fails. */
  async request(opts: {
    method: "GET" | "POST";
    path: string;
    headers?: Record<string, string>;
    body?: string;
  }): Promise<HttpAnswer> {
    // No timeouts: a body of 10,000 applications can take many minutes on a loaded machine, and a dead
    // server is seen as a closed socket anyway.
    const res = await this.pool.request({ ...opts, headersTimeout: 0, bodyTimeout: 0 });
    const body = Buffer.from(await res.body.arrayBuffer());
    return { status: res.statusCode, headers: res.headers, body };
  }

  /** kill -9, and drop the pool with it (its sockets are dead). */
  async kill9(): Promise<void> {
    await this.child.kill9();
    await this.pool.destroy();
  }
}

/** A user with `role` and its password, created directly in the database (audited as `chaos`). */
export async function createUser(
  config: Config,
  db: Database,
  role: "lead" | "admin",
): Promise<{ username: string; password: string }> {
  const username = `chaos-${role}-${crypto.randomBytes(3).toString("hex")}`;
  const password = crypto.randomBytes(18).toString("base64url");
  const container = await buildContainer(config, db, createLogger("silent"));
  try {
    await container.security.services.users.create(
      { username, display_name: `Chaos ${role}`, role, password, must_change_password: false },
      systemActor("chaos"),
    );
  } finally {
    await container.shutdown();
  }
  return { username, password };
}

/** A service token with scope `ingest` (the applicant-tracking system's credential). */
export async function createIngestToken(config: Config, db: Database): Promise<string> {
  const container = await buildContainer(config, db, createLogger("silent"));
  try {
    const r = await container.security.services.users.createToken(
      { name: `chaos-ats-${crypto.randomBytes(3).toString("hex")}`, scopes: ["ingest"] },
      systemActor("chaos"),
    );
    return r.secret;
  } finally {
    await container.shutdown();
  }
}

/** Signs in (retrying a 429 after its Retry-After); returns the cookie header and CSRF token. */
export async function signIn(
  server: ApiServer,
  user: { username: string; password: string },
): Promise<{ cookie: string; csrf: string }> {
  for (let attempt = 0; ; attempt++) {
    const res = await server.request({
      method: "POST",
      path: "/api/auth/signin",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(user),
    });
    if (res.status === 200) {
      const raw = res.headers["set-cookie"];
      const jar = Object.fromEntries(
        (Array.isArray(raw) ? raw : raw ? [raw] : []).map((c) => {
          const pair = c.split(";")[0]!;
          const i = pair.indexOf("=");
          return [pair.slice(0, i), pair.slice(i + 1)];
        }),
      );
      return { cookie: `rs_session=${jar.rs_session}; rs_csrf=${jar.rs_csrf}`, csrf: jar.rs_csrf! };
    }
    if (res.status !== 429 || attempt > 20)
      throw new Error(`chaos: sign-in failed: ${res.status} ${res.body.toString().slice(0, 300)}`);
    await new Promise((r) => setTimeout(r, Number(res.headers["retry-after"] ?? 1) * 1000));
  }
}
