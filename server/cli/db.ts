/**
 * `npm run db:start|stop|status|reset`
 * ====================================
 *
 * Manages the project's own Neo4j instance. With NEO4J_URI set, start/stop/status report the external
 * server and reset empties it.
 */
import readline from "node:readline/promises";

import { loadConfig } from "../config.js";
import { IngestRepository } from "../ingest/ingest.repository.js";
import { connectDatabase } from "../db/database.js";
import { start, status, stop } from "../neo4j/manager.js";
import { cliArgs, runMain } from "../common/cli-args.js";

const USAGE = "tsx server/cli/db.ts start|stop|status|reset [--yes]";

runMain(async () => {
  const { positionals, values } = cliArgs({ yes: { type: "boolean", short: "y" } }, USAGE);
  const config = loadConfig();
  const command = positionals[0];
  const n = config.neo4j;
  switch (command) {
    case "start": {
      if (!n.managed) return void console.log(`using external Neo4j at ${n.uri}; nothing to start`);
      const r = await start(n);
      const db = await connectDatabase(config, { startIfNeeded: false });
      await db.applySchema();
      await db.close();
      console.log(
        `${r.startedNow ? "started" : "already running"}: instance "${n.instance}" at ${r.uri} (pid ${r.pid})`,
      );
      return;
    }
    case "stop": {
      if (!n.managed) return void console.log(`using external Neo4j at ${n.uri}; nothing to stop`);
      console.log((await stop(n)) ? `stopped instance "${n.instance}"` : `instance "${n.instance}" was not running`);
      return;
    }
    case "status": {
      if (!n.managed) return void console.log(`external Neo4j at ${n.uri}`);
      const s = await status(n);
      console.log(JSON.stringify(s, null, 2));
      return s.boltOpen ? 0 : 3;
    }
    case "reset": {
      if (!values.yes) {
        if (!process.stdin.isTTY)
          throw new Error("reset empties the database: pass --yes to confirm without a terminal");
        const rl = readline.createInterface({ input: process.stdin, output: process.stdout });
        const answer = await rl.question(`Empty the database at ${n.uri} (instance "${n.instance}")? Type "yes": `);
        rl.close();
        if (answer.trim() !== "yes") return void console.log("nothing deleted");
      }
      const db = await connectDatabase(config);
      const deleted = await new IngestRepository(db).deleteAll();
      await db.applySchema();
      await db.close();
      console.log(`deleted ${deleted} nodes; schema kept`);
      return;
    }
    default:
      process.stderr.write(`usage: ${USAGE}\n`);
      return 2;
  }
});
