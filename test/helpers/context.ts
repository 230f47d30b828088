/**
 * Integration-test context: the real test database, the app built by the composition root, and a
 * listening server on an ephemeral port with a small fetch helper.
 */
import type { Server } from "node:http";

import { createApp } from "../../server/app.js";
import { loadConfig, type Config } from "../../server/config.js";
import { buildContainer, type Container } from "../../server/container.js";
import { connectDatabase, type Database } from "../../server/db/database.js";
import { ApplicationRepository } from "../../server/db/application.repository.js";
import { createLogger } from "../../server/logger.js";

export interface TestContext {
  config: Config;
  db: Database;
  container: Container;
  baseUrl: string;
  api(path: string, init?: RequestInit): Promise<{ status: number; body: any; headers: Headers }>;
  close(): Promise<void>;
}

export async function emptyDatabase(db: Database): Promise<void> {
  await new ApplicationRepository(db).deleteAll();
}

export async function createTestContext(opts: { empty?: boolean; env?: NodeJS.ProcessEnv } = {}): Promise<TestContext> {
  const config = loadConfig({ ...process.env, ...opts.env });
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
  return {
    config,
    db,
    container,
    baseUrl,
    async api(path, init) {
      const res = await fetch(baseUrl + path, init);
      const text = await res.text();
      let body: unknown = text;
      try {
        body = JSON.parse(text);
      } catch {
        // non-JSON bodies (files) stay text
      }
      return { status: res.status, body, headers: res.headers };
    },
    async close() {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
      await container.shutdown();
      await db.close();
    },
  };
}
