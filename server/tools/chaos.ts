/**
 * `npm run chaos -- [--apps N] [--rounds N] [--seed S] [--phases ingest,detect,export] [--fresh-reference]`
 * =======================================================================================================
 *
 * Fault test, not part of `npm test`: on its own Neo4j instance (`chaos` unless
 * RINGSCOPE_NEO4J_INSTANCE says otherwise; heap and page cache 2g by default) it takes the fingerprint of
 * a clean ingest of a seeded population (once: kept beside the population file and reused), then for
 * each round kills Neo4j and then the API server with SIGKILL at random points of an ingest through
 * POST /api/ingest, restarts, re-runs the ingest and compares the graph with the clean one
 * (server/chaos/ingest-rounds.ts). Then it kills a detection run (server/chaos/detect-fault.ts) and the
 * API server during an evidence export (server/chaos/export-fault.ts). Prints what it did and found per
 * round and a table at the end; exit 1 when anything differs.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import readline from "node:readline";

import { Rng } from "../common/rng.js";
import { writePopulation } from "../../seed/write-files.js";
import { loadConfig, toolEnv } from "../config.js";
import { ApplicationRepository } from "../applications/applications.repository.js";
import { connectDatabase } from "../db/database.js";
import { graphFingerprint, type GraphFingerprint } from "../db/graph-fingerprint.js";
import { KIND_LABEL } from "../common/identifiers.js";
import { freePort } from "../chaos/api-server.js";
import { detectFault, type DetectFaultResult } from "../chaos/detect-fault.js";
import { exportFault, type ExportFaultResult } from "../chaos/export-fault.js";
import { ingestRound, startCliIngest, type RoundResult } from "../chaos/ingest-rounds.js";
import { restartNeo4j, wipeStore } from "../chaos/processes.js";
import { ensurePassword } from "../neo4j/manager.js";
import { cliArgs, runMain } from "../common/cli-args.js";

const USAGE =
  "npm run chaos -- [--apps N] [--rounds N] [--seed S] [--phases ingest,detect,export] [--reference bulk|pipeline] [--fresh-reference]";

/** What ingest writes; users, tokens, runs and the audit trail are not part of the comparison. */
const INGEST_GRAPH = {
  labels: ["Application", ...Object.values(KIND_LABEL)],
  relationships: ["USES"],
} as const;

interface Reference {
  apps: number;
  seed: number;
  made_at: string;
  /** `npm run ingest -- --bulk` (offline importer) or the pipeline. */
  method: string;
  /** Wall seconds of the clean ingest (process start to exit). */
  seconds: number;
  accepted: number;
  fingerprint: GraphFingerprint;
}

runMain(async () => {
  const { values } = cliArgs(
    {
      apps: { type: "string", default: "200000" },
      rounds: { type: "string", default: "10" },
      // Continue an interrupted run: rounds draw their kill points from (seed, round number).
      "from-round": { type: "string", default: "1" },
      seed: { type: "string", default: "11" },
      phases: { type: "string", default: "ingest,detect,export" },
      "fresh-reference": { type: "boolean", default: false },
      reference: { type: "string", default: "bulk" },
    },
    USAGE,
  );
  const base = toolEnv({
    RINGSCOPE_NEO4J_INSTANCE: "chaos",
    RINGSCOPE_NEO4J_HEAP: "2g",
    RINGSCOPE_NEO4J_PAGECACHE: "2g",
  });
  const config = loadConfig(base);
  if (!config.neo4j.managed)
    throw new Error("chaos: needs the project's own Neo4j (it kills and restarts it); unset NEO4J_URI");
  // The children see the instance as someone else's server, so none of them starts a second Neo4j
  // on the same store while this script restarts it after a kill.
  const env: NodeJS.ProcessEnv = {
    ...base,
    NEO4J_URI: config.neo4j.uri,
    NEO4J_USER: "neo4j",
    NEO4J_PASSWORD: ensurePassword(config.neo4j).password,
    DETECT_CRON: "",
    DETECT_AFTER_INGEST_RECORDS: "0",
    DEMO_APPS: "0",
  };
  const apps = Number(values.apps);
  const rounds = Number(values.rounds);
  const seed = Number(values.seed);
  const phases = new Set(values.phases.split(","));
  const rng = Rng.of("chaos", seed);
  const say = (line: string) => process.stdout.write(`[${new Date().toISOString().slice(11, 19)}] ${line}\n`);
  const connect = () => connectDatabase(config, { startIfNeeded: false });
  const countApps = async () => {
    const db = await connect();
    try {
      return (await new ApplicationRepository(db).counts()).applications;
    } finally {
      await db.close();
    }
  };

  say(
    `instance "${config.neo4j.instance}" (heap ${config.neo4j.heap}, page cache ${config.neo4j.pagecache}); starting it if needed`,
  );
  await restartNeo4j(config);
  let failed = false;

  const file = path.join(os.tmpdir(), `ringscope-chaos-${apps}-${seed}.ndjson`);
  if (!fs.existsSync(file)) {
    say(`writing ${apps} applications (seed ${seed}) to ${file}`);
    await writePopulation({ apps, seed }, file, `${file}.truth.ndjson`);
  }
  const method = values.reference;
  if (method !== "bulk" && method !== "pipeline") throw new Error(`--reference is bulk or pipeline\nusage: ${USAGE}`);
  // --bulk loads the empty store offline (it stops and starts the instance itself, so its child sees the
  // instance as the project's own); the pipeline is the same code path as the rounds' server.
  const cleanIngest = async () => {
    say(
      `  emptying the store (${(await wipeStore(config)).toFixed(0)} s); npm run ingest${method === "bulk" ? " -- --bulk" : ""} of the whole file`,
    );
    const { NEO4J_URI: _u, NEO4J_USER: _n, NEO4J_PASSWORD: _p, ...ownEnv } = env;
    const clean = await startCliIngest({ env: method === "bulk" ? ownEnv : env, file, bulk: method === "bulk" }).exited;
    if (clean.code !== 0) throw new Error(`chaos: the clean ingest failed: ${clean.stderr.slice(-800)}`);
    await restartNeo4j(config);
    return {
      seconds: clean.seconds,
      summary: JSON.parse(clean.stdout.trim().split("\n").pop()!) as { accepted: number },
    };
  };
  // The clean reference is a pure function of the file and the ingest code: made once, kept beside the file.
  const refFile = `${file}.reference.json`;
  let reference: Reference;
  if (fs.existsSync(refFile) && !values["fresh-reference"]) {
    reference = JSON.parse(fs.readFileSync(refFile, "utf8")) as Reference;
    say(`clean reference: reused ${refFile} (made ${reference.made_at}; --fresh-reference makes it again)`);
  } else {
    say(`clean reference: a clean ingest of the whole file (${method})`);
    const clean = await cleanIngest();
    const db = await connect();
    try {
      reference = {
        apps,
        seed,
        made_at: new Date().toISOString(),
        method,
        seconds: clean.seconds,
        accepted: clean.summary.accepted,
        fingerprint: await graphFingerprint(db, INGEST_GRAPH),
      };
    } finally {
      await db.close();
    }
    fs.writeFileSync(refFile, JSON.stringify(reference, null, 2));
  }
  say(
    `  ${reference.accepted} applications accepted; clean ingest (${reference.method}) ${reference.seconds.toFixed(0)} s`,
  );
  say(
    `  labels ${JSON.stringify(reference.fingerprint.labels)}; relationships ${JSON.stringify(reference.fingerprint.relationships)}`,
  );
  say(`  checksum ${reference.fingerprint.checksum}`);

  const port = await freePort();
  const ingestResults: RoundResult[] = [];
  if (phases.has("ingest")) {
    let lines = 0;
    for await (const line of readline.createInterface({ input: fs.createReadStream(file), crlfDelay: Infinity }))
      if (line.trim()) lines++;
    // At least 20 bodies, at most 10,000 lines (about 5 MB) each: the kill points have room to fall.
    const chunkLines = Math.max(1, Math.min(10_000, Math.ceil(lines / 20)));
    const ctx = {
      config,
      env,
      file,
      port,
      chunkLines,
      bodies: Math.ceil(lines / chunkLines),
      reference: reference.fingerprint,
      only: INGEST_GRAPH,
      connect,
      say,
    };
    for (let i = Number(values["from-round"]); i <= rounds; i++) {
      say(`round ${i}/${rounds}`);
      const r = await ingestRound(ctx, i, rng.fork("round", i));
      ingestResults.push(r);
      say(
        `  round ${i} RESULT: counts ${r.countsEqual ? "equal" : "DIFFER"}, checksum ${r.checksumEqual ? "equal" : "DIFFERS"}` +
          `${r.differences.length ? ` (${r.differences.join("; ")})` : ""}; round took ${r.seconds.toFixed(0)} s`,
      );
      failed ||= !r.equal;
    }
  }

  let detect: DetectFaultResult | null = null;
  let exported: ExportFaultResult | null = null;
  if (phases.has("detect") || phases.has("export")) {
    if ((await countApps()) !== reference.accepted) {
      say("detection and export need the population loaded: clean ingest");
      await cleanIngest();
    }
  }
  if (phases.has("detect")) {
    say("detection: kill -9 during a run");
    detect = await detectFault({ env, connect, say }, rng.fork("detect"));
    failed ||= !detect.ok;
  }
  if (phases.has("export")) {
    say("export: kill -9 of the API server during an evidence export");
    exported = await exportFault({ config, env, port, connect, say }, rng.fork("export"));
    failed ||= !exported.ok;
  }

  say(`summary: ${JSON.stringify({ ingest: ingestResults, detect, export: exported })}`);
  if (ingestResults.length) {
    say(
      "round | Neo4j killed at s (apps stored) | restart s | first ingest | API server killed at s (apps stored) | re-run s | counts | checksum",
    );
    for (const r of ingestResults)
      say(
        `${r.round} | ${r.neo4jKilledAt ?? "-"} (${r.applicationsAtNeo4jKill ?? "-"}) | ${r.neo4jRestartSeconds.toFixed(0)} | ${r.firstIngest.slice(0, 70)} | ${r.apiKilledAt ?? "-"} (${r.applicationsAtApiKill ?? "-"}) | ${r.rerun?.seconds.toFixed(0) ?? "-"} | ${r.countsEqual ? "equal" : "DIFFER"} | ${r.checksumEqual ? "equal" : "DIFFERS"}`,
      );
  }
  if (detect)
    say(
      `detection: killed run ${detect.killedRun} after ${detect.killedAfterSeconds.toFixed(1)} s; readers kept ${detect.previousRun}: ${detect.readersKeptPrevious}; next run ${detect.nextRun} finished: ${detect.nextFinished} after ${detect.refusalsBeforeTakeover} refusals; killed run now ${detect.killedRunStatus} → ${detect.ok ? "ok" : "FAILED"}`,
    );
  if (exported)
    say(
      `export: ${exported.attempts.map((a) => `killed at ${a.killedAtMs} ms: ${a.outcome}`).join("; ")}; half package served: ${exported.halfPackageServed}; new temp files: ${exported.newTempFiles.length}; after restart verifies: ${exported.afterRestartVerifies} → ${exported.ok ? "ok" : "FAILED"}`,
    );
  say(failed ? "RESULT: something differs (see above)" : "RESULT: every check passed");
  return failed ? 1 : 0;
});
