/**
 * Database connection
 * ===================
 *
 * Resolves where Neo4j is (the project's own instance, started on demand, or NEO4J_URI) and opens the
 * one driver a process uses. Integers come back as plain JS numbers (`disableLosslessIntegers`):
 * every count and id in Ringscope fits in 2^53.
 */
import neo4j, { type Driver } from "neo4j-driver";

import type { Config } from "../config.js";
import { DatabaseUnavailableError } from "../common/errors.js";
import { ensurePassword, start } from "../neo4j/manager.js";

export interface Connection {
  uri: string;
  user: string;
  password: string;
  database: string;
}

/** For the managed instance, starts it (installing if needed); for an external server, returns its settings. */
export async function resolveConnection(config: Config, opts: { startIfNeeded?: boolean } = {}): Promise<Connection> {
  const n = config.neo4j;
  if (!n.managed) {
    if (!n.password) throw new Error("config: NEO4J_PASSWORD is required with NEO4J_URI");
    return { uri: n.uri, user: n.user, password: n.password, database: n.database };
  }
  if (opts.startIfNeeded ?? true) {
    const started = await start(n);
    return { uri: started.uri, user: "neo4j", password: started.password, database: n.database };
  }
  return { uri: n.uri, user: "neo4j", password: ensurePassword(n).password, database: n.database };
}

export async function openDriver(conn: Connection): Promise<Driver> {
  const driver = neo4j.driver(conn.uri, neo4j.auth.basic(conn.user, conn.password), {
    disableLosslessIntegers: true,
    maxConnectionPoolSize: 50,
    connectionAcquisitionTimeout: 30_000,
    logging: { level: "error", logger: (_level, message) => process.stderr.write(`[neo4j-driver] ${message}\n`) },
  });
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      await driver.getServerInfo({ database: conn.database });
      return driver;
    } catch (err) {
      // A freshly started server opens Bolt a moment before it accepts queries.
      if (Date.now() > deadline) {
        await driver.close();
        throw new DatabaseUnavailableError(`neo4j: cannot reach ${conn.uri}: ${(err as Error).message}`);
      }
      await new Promise((r) => setTimeout(r, 500));
    }
  }
}
