/**
 * Starts the project's own Neo4j test instance (installing it on first use) unless NEO4J_URI points at
 * a server, applies the schema, and stops the instance afterwards if this run started it.
 */
import { loadConfig } from "../server/config.js";
import { connectDatabase } from "../server/db/database.js";
import { start, stop } from "../server/neo4j/manager.js";

let startedHere = false;

export async function setup(): Promise<void> {
  process.env.RINGSCOPE_NEO4J_INSTANCE ??= "test";
  const config = loadConfig();
  if (config.neo4j.managed) startedHere = (await start(config.neo4j)).startedNow;
  const db = await connectDatabase(config, { startIfNeeded: false });
  await db.applySchema();
  await db.close();
}

export async function teardown(): Promise<void> {
  const config = loadConfig();
  if (startedHere && config.neo4j.managed && !process.env.RINGSCOPE_KEEP_TEST_DB) await stop(config.neo4j);
}
