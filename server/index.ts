/**
 * `npm start`
 * ===========
 *
 * Starts the project's own Neo4j (installing it on first use) unless NEO4J_URI points elsewhere,
 * applies the schema, loads the demo population into an empty database, and serves the API and client.
 */
import type { Server } from "node:http";

import { createApp } from "./app.js";
import { loadConfig } from "./config.js";
import { buildContainer } from "./container.js";
import { connectDatabase } from "./db/database.js";
import { loadDemoIfEmpty } from "./demo.js";
import { createLogger } from "./logger.js";

async function main(): Promise<void> {
  const config = loadConfig();
  const log = createLogger(config.logLevel);
  const db = await connectDatabase(config);
  await db.applySchema();
  const container = await buildContainer(config, db, log);
  // A fresh demo gets its first detection run straight away (in the background) so the queue is not empty.
  const demoLoaded = await loadDemoIfEmpty(container);
  if (demoLoaded) await container.services.runs.start("demo");
  // First admin (RINGSCOPE_ADMIN_PASSWORD or a one-time password), and demo users in the demo database only.
  const boot = await container.bootstrap({ demoLoaded });
  if (boot.admin?.oneTimePassword)
    process.stdout.write(
      `\nFirst start: created user "${boot.admin.username}" with the one-time password\n\n    ${boot.admin.oneTimePassword}\n\n` +
        "It is shown once; it must be changed at the first sign-in.\n",
    );
  else if (boot.admin)
    process.stdout.write(`First start: created user "${boot.admin.username}" from RINGSCOPE_ADMIN_PASSWORD.\n`);
  if (boot.demoUsersCreated.length)
    process.stdout.write(
      `Demo database: created demo users ${boot.demoUsersCreated.join(", ")} (passwords in the README).\n`,
    );
  const app = createApp(container.appDeps);
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(config.port, config.host, () => resolve(s));
  });
  const addr = server.address();
  const port = typeof addr === "object" && addr ? addr.port : config.port;
  log.info({ port }, "listening");
  process.stdout.write(`\nRingscope is running: http://${config.host}:${port}/\n\n`);

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, "shutting down");
    const force = setTimeout(() => process.exit(1), 15_000);
    force.unref();
    server.close();
    server.closeAllConnections();
    await container.shutdown();
    await db.close();
    process.exit(0);
  };
  process.on("SIGINT", () => void shutdown("SIGINT"));
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
  process.on("unhandledRejection", (err) => log.error({ err }, "unhandled rejection"));
}

main().catch((err: unknown) => {
  process.stderr.write(`ringscope: could not start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
