/**
 * `npm run bench:screen -- [--apps N] [--seed S] [--requests R] [--file FILE] [--yes] [--json]`
 * ===========================================================================================
 *
 * Screening latency and throughput over HTTP, as an applicant-tracking system sees it: seeds and loads N
 * applications (reusing the database when it already holds exactly that population), runs detection when
 * there is no finished run, starts the real app (composition root, service-token auth, audit trail) on a
 * free port, and sends R `POST /api/screen` requests with 1 and then 8 concurrent callers. The baseline,
 * measured the same way in the same run, is `GET /api/health`. The screened records are copies of seeded
 * applications under new ids, so each links at least to its twin (and through it to its cluster).
 *
 * `--file FILE` uses the database as it is (loaded beforehand, e.g. by `npm run ingest -- --bulk FILE`,
 * which is how a million applications are loaded in minutes rather than an hour) and takes the screened
 * records from FILE (NDJSON, spread over it) instead of seeding.
 *
 * Prints p50, p99 and throughput for each, the CPU per request of this process (server and client: the
 * health line shows the client's and HTTP's share) and of Neo4j, and the server's own split of a screen
 * (`timings_ms`: latest run, the lookup read of links and watchlist entries in Neo4j, scoring), and the lookup's Cypher under
 * PROFILE for 20 of the records (database hits, server-side time, the operators of the costliest). Target on the 2-core machine:
 * p99 ≤ 50 ms for one caller at 1,000,000 applications, and 1M within 1.5× of 20,000.
 *
 * The target is a dedicated instance, `bench-screen`, unless RINGSCOPE_NEO4J_INSTANCE or NEO4J_URI says
 * otherwise (then `--yes` is required, since loading EMPTIES the database).
 */
import type { Server } from "node:http";
import os from "node:os";

import fs from "node:fs";
import path from "node:path";
import readline from "node:readline";

import { createApp } from "../app.js";
import { systemActor } from "../audit/actor.js";
import { loadConfig } from "../config.js";
import { buildContainer } from "../container.js";
import { connectDatabase } from "../db/database.js";
import { ensurePopulation, fingerprint, seededRecords } from "./eval-population.js";
import { createLogger } from "../logger.js";
import { status } from "../neo4j/manager.js";
import { cliArgs, runMain } from "../common/cli-args.js";
import { processCpuSeconds } from "../neo4j/process-cpu.js";

const USAGE = "npm run bench:screen -- [--apps N] [--seed S] [--requests R] [--file FILE] [--yes] [--json]";

interface Phase {
  name: string;
  concurrency: number;
  requests: number;
  p50: number;
  p99: number;
  mean: number;
  throughput: number;
  ownCpuMs: number;
  neo4jCpuMs: number | null;
  serverTimings?: Record<string, number>;
}

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
const r2 = (x: number) => Math.round(x * 100) / 100;

runMain(async () => {
  const { values } = cliArgs(
    {
      apps: { type: "string", default: "20000" },
      seed: { type: "string", default: "42" },
      requests: { type: "string", default: "600" },
      file: { type: "string" },
      json: { type: "boolean" },
      yes: { type: "boolean", short: "y" },
    },
    USAGE,
  );
  const apps = Number(values.apps);
  const seed = Number(values.seed);
  const requests = Number(values.requests);
  if (!Number.isInteger(apps) || apps < 1000) throw new Error(`bench:screen: --apps must be ≥ 1000; usage: ${USAGE}`);
  const config = loadConfig({
    RINGSCOPE_NEO4J_INSTANCE: "bench-screen",
    ...process.env,
    API_RATE_LIMIT: "0",
    LOG_LEVEL: "silent",
    WATCHLIST_SYNC_SECONDS: "0",
    DETECT_CRON: "",
  });
  if (!(config.neo4j.managed && config.neo4j.instance === "bench-screen") && !values.yes)
    throw new Error(
      `bench:screen loads (and so EMPTIES) the target database; pass --yes, or use the "bench-screen" instance`,
    );
  const log = values.json ? () => undefined : (m: string) => process.stderr.write(`${m}\n`);

  const file = values.file ? path.resolve(values.file) : null;
  if (file && !fs.existsSync(file)) throw new Error(`bench:screen: no such file: ${file}`);
  if (!file) await ensurePopulation(config, await fingerprint({ apps, seed }, false), { log });
  const db = await connectDatabase(config);
  const container = await buildContainer(config, db, createLogger("silent"));
  const server: Server = await new Promise((resolve) => {
    const s = createApp(container.appDeps).listen(0, "127.0.0.1", () => resolve(s));
  });
  try {
    if (!(await container.repos.runs.latestFinished())) {
      log("bench:screen: no finished detection run; running detection…");
      await container.services.runs.runNow("bench-screen");
    }
    const addr = server.address();
    const base = `http://127.0.0.1:${typeof addr === "object" && addr ? addr.port : 0}`;
    const { secret } = await container.services.users.createToken(
      { name: `bench-screen-${Date.now()}`, scopes: ["screen"] },
      systemActor("bench"),
    );
    const auth = { authorization: `Bearer ${secret}` };

    // Copies of seeded (or the file's) applications under new ids, spread over the population.
    const loaded = (await container.repos.applications.counts()).applications;
    if (!loaded) throw new Error("bench:screen: the database holds no applications");
    const want = requests + 100;
    const stride = Math.max(1, Math.floor((file ? loaded : apps) / want));
    const bodies: string[] = [];
    let i = 0;
    for await (const record of file ? fileRecords(file) : seededRecords({ apps, seed })) {
      if (i++ % stride) continue;
      bodies.push(JSON.stringify({ ...record, application_id: `BENCH-${bodies.length}` }));
      if (bodies.length >= want) break;
    }
    const neo4jPid = config.neo4j.managed ? (await status(config.neo4j)).pid : null;

    async function phase(name: string, concurrency: number, n: number, send: (k: number) => Promise<Response>) {
      const latencies: number[] = [];
      const timings: Record<string, number>[] = [];
      let next = 0;
      const cpu0 = process.cpuUsage();
      const neo0 = processCpuSeconds(neo4jPid);
      const t0 = performance.now();
      await Promise.all(
        Array.from({ length: concurrency }, async () => {
          while (next < n) {
            const k = next++;
            const t = performance.now();
            const res = await send(k);
            const body = (await res.json()) as { timings_ms?: Record<string, number> };
            latencies.push(performance.now() - t);
            if (res.status !== 200) throw new Error(`${name}: HTTP ${res.status} ${JSON.stringify(body)}`);
            if (body.timings_ms) timings.push(body.timings_ms);
          }
        }),
      );
      const seconds = (performance.now() - t0) / 1000;
      const cpu = process.cpuUsage(cpu0);
      const neo1 = processCpuSeconds(neo4jPid);
      latencies.sort((a, b) => a - b);
      const out: Phase = {
        name,
        concurrency,
        requests: n,
        p50: r2(quantile(latencies, 0.5)),
        p99: r2(quantile(latencies, 0.99)),
        mean: r2(latencies.reduce((a, b) => a + b, 0) / n),
        throughput: Math.round((n / seconds) * 10) / 10,
        ownCpuMs: r2((cpu.user + cpu.system) / 1000 / n),
        neo4jCpuMs: neo0 !== null && neo1 !== null ? r2(((neo1 - neo0) * 1000) / n) : null,
      };
      if (timings.length) {
        const keys = [...new Set(timings.flatMap((t) => Object.keys(t)))];
        out.serverTimings = Object.fromEntries(
          keys.map((k) => [k, r2(timings.reduce((a, t) => a + (t[k] ?? 0), 0) / timings.length)]),
        );
      }
      return out;
    }
    const screen = (k: number) =>
      fetch(`${base}/api/screen`, {
        method: "POST",
        headers: { ...auth, "content-type": "application/json" },
        body: bodies[k % bodies.length]!,
      });
    const health = () => fetch(`${base}/api/health`);

    log(`bench:screen: warming up (100 screens, 100 health checks)…`);
    await phase("warm-up", 4, 100, (k) => screen(requests + k));
    await phase("warm-up", 4, 100, health);
    const results: Phase[] = [];
    for (const c of [1, 8]) {
      results.push(await phase("health", c, requests, health));
      results.push(await phase("screen", c, requests, screen));
    }
    const profile = await profileLookups(container, bodies.slice(0, 20));
    const counts = await container.repos.applications.counts();
    const report = {
      applications: counts.applications,
      cores: os.cpus().length,
      load: os.loadavg(),
      results,
      profile,
    };
    if (values.json) process.stdout.write(JSON.stringify(report) + "\n");
    else print(report);
  } finally {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
    await container.shutdown();
    await db.close();
  }
  return 0;
});

async function* fileRecords(file: string): AsyncGenerator<Record<string, unknown>> {
  const lines = readline.createInterface({ input: fs.createReadStream(file), crlfDelay: Infinity });
  for await (const line of lines) if (line.trim()) yield JSON.parse(line) as Record<string, unknown>;
}

interface LookupProfile {
  samples: number;
  dbHits: { mean: number; max: number };
  serverMs: { mean: number; max: number };
  costliest: { operator: string; details: string; rows: number; dbHits: number; depth: number }[];
}

/** The screen's lookup Cypher under PROFILE for each body: database hits and server time. */
async function profileLookups(
  container: Awaited<ReturnType<typeof buildContainer>>,
  bodies: string[],
): Promise<LookupProfile> {
  const runs = [];
  for (const b of bodies) runs.push(await container.services.screen.profileLookup(JSON.parse(b)));
  const ms = runs.map((p) => p.availableAfterMs + p.consumedAfterMs);
  const hits = runs.map((p) => p.dbHits);
  const worst = runs[hits.indexOf(Math.max(...hits))]!;
  return {
    samples: runs.length,
    dbHits: { mean: r2(hits.reduce((a, b) => a + b, 0) / runs.length), max: Math.max(...hits) },
    serverMs: { mean: r2(ms.reduce((a, b) => a + b, 0) / runs.length), max: Math.max(...ms) },
    costliest: worst.operators,
  };
}

function print(r: {
  applications: number;
  cores: number;
  load: number[];
  results: Phase[];
  profile: LookupProfile;
}): void {
  const lines = [
    `bench:screen: ${r.applications} applications; ${r.cores} cores, load ${r.load.map((x) => x.toFixed(1)).join(" ")}`,
    "route            callers  p50 ms  p99 ms  mean ms    req/s  CPU ms/req (this process, Neo4j)",
  ];
  for (const p of r.results)
    lines.push(
      `${(p.name === "screen" ? "POST /api/screen" : "GET /api/health").padEnd(17)}${String(p.concurrency).padStart(7)}${String(p.p50).padStart(8)}${String(p.p99).padStart(8)}${String(p.mean).padStart(9)}${String(p.throughput).padStart(9)}  ${p.ownCpuMs}, ${p.neo4jCpuMs ?? "?"}`,
    );
  for (const c of [1, 8]) {
    const s = r.results.find((p) => p.name === "screen" && p.concurrency === c)!;
    const h = r.results.find((p) => p.name === "health" && p.concurrency === c)!;
    lines.push(
      `${c} caller${c > 1 ? "s" : ""}: screen/health p50 ${(s.p50 / h.p50).toFixed(1)}×, p99 ${(s.p99 / h.p99).toFixed(1)}×, throughput ${(s.throughput / h.throughput).toFixed(2)}×; server split of a screen (mean ms): ${Object.entries(
        s.serverTimings ?? {},
      )
        .map(([k, v]) => `${k} ${v}`)
        .join(", ")}`,
    );
  }
  const p = r.profile;
  lines.push(
    `lookup Cypher under PROFILE (${p.samples} records): db hits mean ${p.dbHits.mean}, max ${p.dbHits.max}; server time mean ${p.serverMs.mean} ms, max ${p.serverMs.max} ms; operators of the costliest:`,
    ...p.costliest.map(
      (o) =>
        `  ${"  ".repeat(o.depth)}${o.operator} rows ${o.rows} db hits ${o.dbHits}${o.details ? `  ${o.details}` : ""}`,
    ),
  );
  lines.push(
    `target: p99 ≤ 50 ms for one caller at 1,000,000 applications; compare the 20,000 run's figures for flatness`,
  );
  console.log(lines.join("\n"));
}
