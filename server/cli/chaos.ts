/**
 * `npm run chaos -- [--apps N] [--rounds N] [--seed S] [--phases ingest,detect,export]`
 * ===================================================================================
 *
 * Fault test, not part of `npm test`: on its own Neo4j instance (`chaos` unless
 * RINGSCOPE_NEO4J_INSTANCE says otherwise; heap and page cache 2g by default) it empties the
 * database, ingests a seeded population cleanly and takes the graph's fingerprint, then for each
 * round kills Neo4j and then the ingest process with SIGKILL at random points of an ingest, restarts
 * and re-runs it, and compares the graph with the clean one (server/chaos/ingest-rounds.ts). Then it
 * kills a detection run (server/chaos/detect-fault.ts) and the API server during an evidence export
 * (server/chaos/export-fault.ts). Prints what it did and found; exit 1 when anything differs.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

import { Rng } from "../../seed/rng.js";
import { writePopulation } from "../../seed/write-files.js";
import { loadConfig } from "../config.js";
import { ApplicationRepository } from "../db/application.repository.js";
import { connectDatabase } from "../db/database.js";
import { graphFingerprint } from "../db/graph-fingerprint.js";
import { detectFault } from "../chaos/detect-fault.js";
import { exportFault } from "../chaos/export-fault.js";
import { ingestRound, startIngest, type RoundResult } from "../chaos/ingest-rounds.js";
import { restartNeo4j } from "../chaos/processes.js";
import { ensurePassword } from "../neo4j/manager.js";
import { cliArgs, runMain } from "./args.js";

const USAGE = "npm run chaos -- [--apps N] [--rounds N] [--seed S] [--phases ingest,detect,export]";

runMain(async () => {
  const { values } = cliArgs(
    {
      apps: { type: "string", default: "200000" },
      rounds: { type: "string", default: "10" },
      seed: { type: "string", default: "11" },
      phases: { type: "string", default: "ingest,detect,export" },
    },
    USAGE,
  );
  process.env.RINGSCOPE_NEO4J_INSTANCE ||= "chaos";
  process.env.RINGSCOPE_NEO4J_HEAP ||= "2g";
  process.env.RINGSCOPE_NEO4J_PAGECACHE ||= "2g";
  const config = loadConfig({ ...process.env });
  if (!config.neo4j.managed)
    throw new Error("chaos: needs the project's own Neo4j (it kills and restarts it); unset NEO4J_URI");
  // The children see the instance as someone else's server, so none of them starts a second Neo4j
  // on the same store while this script restarts it after a kill.
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NEO4J_URI: config.neo4j.uri,
    NEO4J_USER: "neo4j",
    NEO4J_PASSWORD: ensurePassword(config.neo4j).password,
    DETECT_CRON: "",
    DETECT_AFTER_INGEST_RECORDS: "0",
  };
  const apps = Number(values.apps);
  const rounds = Number(values.rounds);
  const seed = Number(values.seed);
  const phases = new Set(values.phases.split(","));
  const rng = Rng.of("chaos", seed);
  const say = (line: string) => process.stdout.write(`[${new Date().toISOString().slice(11, 19)}] ${line}\n`);
  const connect = () => connectDatabase(config, { startIfNeeded: false });

  say(
    `instance "${config.neo4j.instance}" (heap ${config.neo4j.heap}, page cache ${config.neo4j.pagecache}); starting it if needed`,
  );
  await restartNeo4j(config);
  const results: { ingest?: RoundResult[]; detect?: unknown; export?: unknown } = {};
  let failed = false;

  const file = path.join(os.tmpdir(), `ringscope-chaos-${apps}-${seed}.ndjson`);
  if (!fs.existsSync(file)) {
    say(`writing ${apps} applications (seed ${seed}) to ${file}`);
    await writePopulation({ apps, seed }, file, `${file}.truth.ndjson`);
  }
  say("emptying the database");
  const db = await connect();
  await new ApplicationRepository(db).deleteAll();
  await db.close();
  say("clean ingest (the reference)");
  const clean = await startIngest({ env, file }).exited;
  if (clean.code !== 0) throw new Error(`chaos: the clean ingest failed: ${clean.stderr.slice(-500)}`);
  const summary = JSON.parse(clean.stdout.trim().split("\n").pop()!) as { accepted: number; seconds: number };
  const refDb = await connect();
  // Detection and export add runs, clusters, users and cases; the rounds compare what ingest writes.
  const reference = await graphFingerprint(refDb);
  await refDb.close();
  say(
    `  ${summary.accepted} applications, ingest ${summary.seconds.toFixed(0)} s, process ${clean.seconds.toFixed(0)} s`,
  );
  say(`  labels ${JSON.stringify(reference.labels)}; relationships ${JSON.stringify(reference.relationships)}`);
  say(`  checksum ${reference.checksum}`);

  if (phases.has("detect")) {
    say("detection: kill -9 during a run");
    const r = await detectFault({ env, connect, say }, rng.fork("detect"));
    results.detect = r;
    failed ||= !r.ok;
  }
  if (phases.has("export")) {
    say("export: kill -9 of the API server during an evidence export");
    const r = await exportFault({ config, env, connect, say }, rng.fork("export"));
    results.export = r;
    failed ||= !r.ok;
  }
  if (phases.has("ingest")) {
    const ctx = { config, env, file, cleanSeconds: clean.seconds, reference, connect, say };
    results.ingest = [];
    for (let i = 1; i <= rounds; i++) {
      say(`round ${i}/${rounds}: emptying the database first, so the kills hit a first load`);
      const empty = await connect();
      await new ApplicationRepository(empty).deleteAll();
      await empty.close();
      const r = await ingestRound(ctx, i, rng.fork("round", i));
      results.ingest.push(r);
      say(
        `  round ${i}: first ingest ${r.firstIngest}; re-run ${r.rerunSeconds.toFixed(0)} s; graph ${r.equal ? "EQUALS the clean ingest" : `DIFFERS: ${r.differences.join("; ")}`}`,
      );
      failed ||= !r.equal;
    }
  }
  say(`summary: ${JSON.stringify(results)}`);
  if (results.ingest) {
    say(
      "round | Neo4j killed at (s, apps stored) | restart s | first ingest | ingest killed at (s, apps stored) | re-run s | equal",
    );
    for (const r of results.ingest)
      say(
        `${r.round} | ${r.neo4jKilledAt ?? "-"} (${r.applicationsAtNeo4jKill ?? "-"}) | ${r.neo4jRestartSeconds.toFixed(0)} | ${r.firstIngest.slice(0, 60)} | ${r.ingestKilledAt ?? "-"} (${r.applicationsAtIngestKill ?? "-"}) | ${r.rerunSeconds.toFixed(0)} | ${r.equal}`,
      );
  }
  say(failed ? "RESULT: something differs (see above)" : "RESULT: every check passed");
  return failed ? 1 : 0;
});
