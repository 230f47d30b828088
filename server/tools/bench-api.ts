/**
 * `npm run bench:api -- [--seconds 60] [--flood-seconds 30] [--clients 50] [--instance bench-api] [--json]`
 * ====================================================================================================
 *
 * The API under an investigators' load, measured end to end over HTTP (undici) against a real server
 * process: starts its own Neo4j instance (`bench-api`), starts `server/index.ts` on 127.0.0.1 with the
 * 20,000-application demo (seed 42) and a finished detection run, and signs in `--clients` sessions.
 * Then, in one run:
 *
 * 1. baseline: every client loops on `GET /api/auth/me` (authenticated, unaudited, no graph work);
 * 2. mix: every client loops on an investigator's mix (queue pages, cluster details, explain, search,
 *    neighbours) for the same time;
 * 2b. details: every client loops on cluster details alone for the same time. The throughput target
 *    (cluster details at least half the baseline's rate) is read here: in the mix details are 35 % of
 *    the requests, so their rate there is capped at 0.35 of the mix's whole rate by construction;
 * 3. quiet probe, then flood: a few clients measure `GET /` and a cluster detail, first alone, then
 *    while 24 connections sign in with made-up user names as fast as they are answered.
 *
 * It prints throughput, p50/p95/p99 per route, statuses, and CPU per request of the server process and
 * of Neo4j (from /proc), so the time can be placed. Figures, not assertions: the machine is shared.
 */
import { spawn, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";

import { Pool } from "undici";

import { loadConfig, PROJECT_ROOT } from "../config.js";
import { start as startNeo4j, stop as stopNeo4j } from "../neo4j/manager.js";
import { cliArgs, runMain } from "../common/cli-args.js";
import { processCpuSeconds } from "../neo4j/process-cpu.js";

const USAGE =
  "npm run bench:api -- [--seconds 60] [--flood-seconds 30] [--clients 50] [--instance bench-api] [--keep-db] [--cpu-prof DIR] [--json]";
const DEMO_USER = { username: "demo-investigator", password: "ringscope-investigator-demo" };
const LEAD_USER = { username: "demo-lead", password: "ringscope-lead-demo" };
const FLOOD_CONNECTIONS = 24;
const PROBE_CLIENTS = 4;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const addr = s.address();
      s.close(() => resolve(typeof addr === "object" && addr ? addr.port : 0));
    });
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Latencies and statuses per route label. */
class Recorder {
  readonly routes = new Map<string, { ms: number[]; statuses: Map<string, number> }>();
  add(route: string, ms: number, status: string): void {
    let r = this.routes.get(route);
    if (!r) this.routes.set(route, (r = { ms: [], statuses: new Map() }));
    r.ms.push(ms);
    r.statuses.set(status, (r.statuses.get(status) ?? 0) + 1);
  }
  total(): number {
    let n = 0;
    for (const r of this.routes.values()) n += r.ms.length;
    return n;
  }
}

function quantile(sorted: number[], q: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

interface RouteFigures {
  route: string;
  requests: number;
  per_s: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  statuses: Record<string, number>;
}

function figures(rec: Recorder, seconds: number): RouteFigures[] {
  return [...rec.routes.entries()].map(([route, r]) => {
    const s = [...r.ms].sort((a, b) => a - b);
    return {
      route,
      requests: s.length,
      per_s: s.length / seconds,
      p50: quantile(s, 0.5),
      p95: quantile(s, 0.95),
      p99: quantile(s, 0.99),
      max: s[s.length - 1] ?? NaN,
      statuses: Object.fromEntries(r.statuses),
    };
  });
}

function printTable(title: string, rows: RouteFigures[], seconds: number, cpu: CpuFigures): void {
  const total = rows.reduce((n, r) => n + r.requests, 0);
  process.stdout.write(`\n${title}: ${total} requests in ${seconds.toFixed(1)} s = ${(total / seconds).toFixed(1)}/s`);
  process.stdout.write(
    `; CPU per request: server ${fmtMicros(cpu.serverMicros)}, Neo4j ${fmtMicros(cpu.neo4jMicros)}` +
      ` (server ${fmtPct(cpu.serverShare)} of a core, Neo4j ${fmtPct(cpu.neo4jShare)})\n`,
  );
  process.stdout.write(
    `  ${"route".padEnd(26)} ${"req".padStart(6)} ${"req/s".padStart(7)} ${"p50 ms".padStart(8)} ${"p95 ms".padStart(8)} ${"p99 ms".padStart(8)} ${"max ms".padStart(8)}  statuses\n`,
  );
  for (const r of rows)
    process.stdout.write(
      `  ${r.route.padEnd(26)} ${String(r.requests).padStart(6)} ${r.per_s.toFixed(1).padStart(7)} ${r.p50.toFixed(1).padStart(8)} ${r.p95.toFixed(1).padStart(8)} ${r.p99.toFixed(1).padStart(8)} ${r.max.toFixed(0).padStart(8)}  ${Object.entries(
        r.statuses,
      )
        .map(([k, v]) => `${k}:${v}`)
        .join(" ")}\n`,
    );
}

const fmtMicros = (v: number | null) => (v === null ? "n/a" : `${Math.round(v)} µs`);
const fmtPct = (v: number | null) => (v === null ? "n/a" : `${Math.round(v * 100)}%`);

interface CpuFigures {
  serverMicros: number | null;
  neo4jMicros: number | null;
  serverShare: number | null;
  neo4jShare: number | null;
}

/** Runs `body` while measuring wall time and the CPU of both processes. */
async function measured(
  pids: { server: number | null; neo4j: number | null },
  body: () => Promise<Recorder>,
): Promise<{ rec: Recorder; seconds: number; cpu: CpuFigures }> {
  const s0 = processCpuSeconds(pids.server);
  const n0 = processCpuSeconds(pids.neo4j);
  const t0 = performance.now();
  const rec = await body();
  const seconds = (performance.now() - t0) / 1000;
  const s1 = processCpuSeconds(pids.server);
  const n1 = processCpuSeconds(pids.neo4j);
  const n = rec.total() || 1;
  const per = (a: number | null, b: number | null) => (a === null || b === null ? null : ((b - a) / n) * 1e6);
  const share = (a: number | null, b: number | null) => (a === null || b === null ? null : (b - a) / seconds);
  return {
    rec,
    seconds,
    cpu: {
      serverMicros: per(s0, s1),
      neo4jMicros: per(n0, n1),
      serverShare: share(s0, s1),
      neo4jShare: share(n0, n1),
    },
  };
}

interface Session {
  cookie: string;
  csrf: string;
}

function cookiesOf(setCookie: string | string[] | undefined): Record<string, string> {
  const jar: Record<string, string> = {};
  for (const c of Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : []) {
    const [pair] = c.split(";");
    const i = pair!.indexOf("=");
    jar[pair!.slice(0, i)] = pair!.slice(i + 1);
  }
  return jar;
}

async function signIn(pool: Pool, user: { username: string; password: string }): Promise<Session> {
  for (let attempt = 0; ; attempt++) {
    const res = await pool.request({
      method: "POST",
      path: "/api/auth/signin",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(user),
    });
    const text = await res.body.text();
    if (res.statusCode === 200) {
      const jar = cookiesOf(res.headers["set-cookie"]);
      return { cookie: `rs_session=${jar.rs_session}; rs_csrf=${jar.rs_csrf}`, csrf: jar.rs_csrf! };
    }
    // A server that limits sign-ins asks us to wait; anything else is a set-up failure.
    if (res.statusCode !== 429 || attempt > 30)
      throw new Error(`sign-in as ${user.username}: ${res.statusCode} ${text.slice(0, 200)}`);
    await sleep(Number(res.headers["retry-after"] ?? 1) * 1000);
  }
}

async function getJson(pool: Pool, session: Session, p: string): Promise<any> {
  const res = await pool.request({ method: "GET", path: p, headers: { cookie: session.cookie } });
  const text = await res.body.text();
  if (res.statusCode !== 200) throw new Error(`GET ${p}: ${res.statusCode} ${text.slice(0, 200)}`);
  return JSON.parse(text);
}

/** One timed request; the body is read in full (as a browser would) before the clock stops. */
async function timed(
  pool: Pool,
  rec: Recorder,
  route: string,
  opts: { method?: "GET" | "POST"; path: string; headers?: Record<string, string>; body?: string },
): Promise<number> {
  const t0 = performance.now();
  let status = "error";
  try {
    const res = await pool.request({
      method: opts.method ?? "GET",
      path: opts.path,
      headers: opts.headers,
      body: opts.body,
    });
    await res.body.dump({ limit: Infinity });
    status = String(res.statusCode);
    return res.statusCode;
  } catch {
    return 0;
  } finally {
    rec.add(route, performance.now() - t0, status);
  }
}

interface Targets {
  clusterIds: string[];
  pairs: [string, string][];
  apps: string[];
  names: string[];
}

async function collectTargets(pool: Pool, session: Session): Promise<Targets> {
  const list = await getJson(pool, session, "/api/clusters?limit=200");
  const clusterIds: string[] = list.clusters.map((c: { id: string }) => c.id);
  if (!clusterIds.length) throw new Error("the latest run has no clusters");
  const pairs: [string, string][] = [];
  const apps: string[] = [];
  const names = new Set<string>();
  for (const id of clusterIds.slice(0, 40)) {
    const c = await getJson(pool, session, `/api/clusters/${encodeURIComponent(id)}`);
    const members = c.members as { id: string; full_name?: string | null }[];
    for (const m of members.slice(0, 5)) apps.push(m.id);
    if (members.length >= 2) pairs.push([members[0]!.id, members[members.length - 1]!.id]);
    for (const m of members.slice(0, 3)) {
      const word = m.full_name?.split(/\s+/).find((w) => w.length >= 3);
      if (word) names.add(word);
    }
  }
  return { clusterIds, pairs, apps, names: [...names] };
}

const pick = <T>(xs: T[]): T => xs[Math.floor(Math.random() * xs.length)]!;

/** The investigator's mix: route label and path, by weight. */
function mixRequest(t: Targets): { route: string; path: string } {
  const r = Math.random();
  if (r < 0.2) {
    const offset = pick([0, 0, 0, 50, 100]);
    const filter = pick(["", "", "&level=high", "&pattern=laptop_farm"]);
    return { route: "GET /api/clusters", path: `/api/clusters?limit=50&offset=${offset}${filter}` };
  }
  if (r < 0.55)
    return { route: "GET /api/clusters/:id", path: `/api/clusters/${encodeURIComponent(pick(t.clusterIds))}` };
  if (r < 0.7) {
    const [a, b] = pick(t.pairs);
    return { route: "GET /api/explain", path: `/api/explain?a=${encodeURIComponent(a)}&b=${encodeURIComponent(b)}` };
  }
  if (r < 0.85) return { route: "GET /api/search", path: `/api/search?q=${encodeURIComponent(pick(t.names))}` };
  return {
    route: "GET /api/nodes/:ref/neighbours",
    path: `/api/nodes/${encodeURIComponent(`application:${pick(t.apps)}`)}/neighbours`,
  };
}

async function loop(seconds: number, workers: number, step: (i: number) => Promise<void>): Promise<void> {
  const end = performance.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: workers }, async (_, i) => {
      while (performance.now() < end) await step(i);
    }),
  );
}

async function startServer(env: NodeJS.ProcessEnv, port: number, cpuProfDir: string | null): Promise<ChildProcess> {
  // --cpu-prof DIR: the server writes a V8 CPU profile there when it stops (open it in Chrome's DevTools).
  const prof = cpuProfDir ? ["--cpu-prof", `--cpu-prof-dir=${cpuProfDir}`] : [];
  const child = spawn(process.execPath, [...prof, "--import", "tsx", path.join("server", "index.ts")], {
    cwd: PROJECT_ROOT,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const ready = new Promise<void>((resolve, reject) => {
    const onData = (b: Buffer) => {
      output += b.toString();
      if (output.length > 20_000) output = output.slice(-10_000);
      if (output.includes(`http://127.0.0.1:${port}/`)) resolve();
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    child.once("exit", (code) =>
      reject(new Error(`the server exited (${code}) during start-up:\n${output.slice(-3000)}`)),
    );
  });
  await ready;
  child.removeAllListeners("exit");
  return child;
}

async function waitForFinishedRun(pool: Pool): Promise<string> {
  const lead = await signIn(pool, LEAD_USER);
  for (let started = false; ;) {
    const runs = await getJson(pool, lead, "/api/runs?limit=5");
    const finished = runs.runs.find((r: { status: string }) => r.status === "finished");
    if (finished) return finished.id as string;
    const running = runs.runs.some((r: { status: string }) => r.status === "running");
    if (!running && !started) {
      const res = await pool.request({
        method: "POST",
        path: "/api/detect",
        headers: { cookie: lead.cookie, "x-csrf-token": lead.csrf },
      });
      await res.body.dump();
      started = true;
    }
    await sleep(2000);
  }
}

runMain(async () => {
  const { values } = cliArgs(
    {
      seconds: { type: "string", default: "60" },
      "flood-seconds": { type: "string", default: "30" },
      clients: { type: "string", default: "50" },
      instance: { type: "string", default: "bench-api" },
      "keep-db": { type: "boolean", default: false },
      "cpu-prof": { type: "string" },
      json: { type: "boolean", default: false },
    },
    USAGE,
  );
  const seconds = Number(values.seconds);
  const floodSeconds = Number(values["flood-seconds"]);
  const clients = Number(values.clients);
  if (!(seconds > 0 && floodSeconds > 0 && clients > 0)) throw new Error(`bad arguments\nusage: ${USAGE}`);

  const env: NodeJS.ProcessEnv = {
    ...process.env,
    RINGSCOPE_NEO4J_INSTANCE: values.instance,
    HOST: "127.0.0.1",
    DEMO_APPS: "20000",
    DEMO_SEED: "42",
    DETECT_CRON: "",
    LOG_LEVEL: "warn",
  };
  const config = loadConfig(env);
  if (!config.neo4j.managed) throw new Error("bench:api runs its own Neo4j instance; unset NEO4J_URI");
  process.stdout.write(
    `Neo4j instance "${config.neo4j.instance}" (heap ${config.neo4j.heap}, page cache ${config.neo4j.pagecache})…\n`,
  );
  const neo = await startNeo4j(config.neo4j);

  if (!fs.existsSync(path.join(PROJECT_ROOT, "dist", "client", "index.html"))) {
    process.stdout.write("building the client (GET / needs it)…\n");
    await new Promise<void>((resolve, reject) =>
      spawn("npx", ["vite", "build"], { cwd: PROJECT_ROOT, stdio: "ignore" }).once("exit", (c) =>
        c === 0 ? resolve() : reject(new Error("vite build failed")),
      ),
    );
  }
  const port = await freePort();
  process.stdout.write(`starting the server on 127.0.0.1:${port} (loads the demo into an empty database)…\n`);
  const server = await startServer({ ...env, PORT: String(port) }, port, values["cpu-prof"] ?? null);
  const pool = new Pool(`http://127.0.0.1:${port}`, { connections: clients + FLOOD_CONNECTIONS + PROBE_CLIENTS + 4 });
  const pids = { server: server.pid ?? null, neo4j: neo.pid };
  try {
    const runId = await waitForFinishedRun(pool);
    process.stdout.write(`detection run ${runId} finished; signing in ${clients} clients as ${DEMO_USER.username}…\n`);
    const t0 = performance.now();
    const sessions: Session[] = [];
    for (let i = 0; i < clients; i += 4)
      sessions.push(
        ...(await Promise.all(Array.from({ length: Math.min(4, clients - i) }, () => signIn(pool, DEMO_USER)))),
      );
    process.stdout.write(`  ${clients} sign-ins in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
    const targets = await collectTargets(pool, sessions[0]!);
    process.stdout.write(
      `targets: ${targets.clusterIds.length} clusters, ${targets.pairs.length} pairs, ${targets.names.length} names\n`,
    );

    const base = await measured(pids, async () => {
      const rec = new Recorder();
      await loop(seconds, clients, async (i) => {
        await timed(pool, rec, "GET /api/auth/me", { path: "/api/auth/me", headers: { cookie: sessions[i]!.cookie } });
      });
      return rec;
    });
    const mix = await measured(pids, async () => {
      const rec = new Recorder();
      await loop(seconds, clients, async (i) => {
        const m = mixRequest(targets);
        await timed(pool, rec, m.route, { path: m.path, headers: { cookie: sessions[i]!.cookie } });
      });
      return rec;
    });

    const detailsOnly = await measured(pids, async () => {
      const rec = new Recorder();
      await loop(seconds, clients, async (i) => {
        await timed(pool, rec, "GET /api/clusters/:id", {
          path: `/api/clusters/${encodeURIComponent(pick(targets.clusterIds))}`,
          headers: { cookie: sessions[i]!.cookie },
        });
      });
      return rec;
    });

    const probe = (rec: Recorder) => async (i: number) => {
      const s = sessions[i % sessions.length]!;
      await timed(pool, rec, "GET /", { path: "/" });
      await timed(pool, rec, "GET /api/clusters/:id", {
        path: `/api/clusters/${encodeURIComponent(pick(targets.clusterIds))}`,
        headers: { cookie: s.cookie },
      });
    };
    const quiet = await measured(pids, async () => {
      const rec = new Recorder();
      await loop(Math.min(10, floodSeconds), PROBE_CLIENTS, probe(rec));
      return rec;
    });
    const flood = await measured(pids, async () => {
      const rec = new Recorder();
      await Promise.all([
        loop(floodSeconds, PROBE_CLIENTS, probe(rec)),
        loop(floodSeconds, FLOOD_CONNECTIONS, async () => {
          await timed(pool, rec, "POST /api/auth/signin (flood)", {
            method: "POST",
            path: "/api/auth/signin",
            headers: { "content-type": "application/json" },
            body: JSON.stringify({ username: `ghost-${crypto.randomUUID()}`, password: "not-a-real-password-1" }),
          });
        }),
        // A real user signing in during the flood, every 3 s.
        loop(floodSeconds, 1, async () => {
          await timed(pool, rec, "POST /api/auth/signin (real)", {
            method: "POST",
            path: "/api/auth/signin",
            headers: { "content-type": "application/json" },
            body: JSON.stringify(DEMO_USER),
          });
          await sleep(3000);
        }),
      ]);
      return rec;
    });

    const baseRows = figures(base.rec, base.seconds);
    const mixRows = figures(mix.rec, mix.seconds);
    const detailRows = figures(detailsOnly.rec, detailsOnly.seconds);
    const quietRows = figures(quiet.rec, quiet.seconds);
    const floodRows = figures(flood.rec, flood.seconds);
    printTable(`Baseline: GET /api/auth/me, ${clients} clients`, baseRows, base.seconds, base.cpu);
    printTable(`Investigator mix, ${clients} clients`, mixRows, mix.seconds, mix.cpu);
    printTable(`Cluster details alone, ${clients} clients`, detailRows, detailsOnly.seconds, detailsOnly.cpu);
    printTable(`Probe alone (${PROBE_CLIENTS} clients)`, quietRows, quiet.seconds, quiet.cpu);
    printTable(
      `Probe during a sign-in flood (${FLOOD_CONNECTIONS} connections of made-up names)`,
      floodRows,
      flood.seconds,
      flood.cpu,
    );

    const me = baseRows[0]!;
    const detail = mixRows.find((r) => r.route === "GET /api/clusters/:id");
    const alone = detailRows[0];
    const errors: Record<string, number> = {};
    for (const r of [...baseRows, ...mixRows, ...detailRows])
      for (const [st, n] of Object.entries(r.statuses)) if (!st.startsWith("2")) errors[st] = (errors[st] ?? 0) + n;
    const floodProbe = floodRows.filter((r) => r.route === "GET /" || r.route === "GET /api/clusters/:id");
    const probeErrors: Record<string, number> = {};
    for (const r of floodProbe)
      for (const [st, n] of Object.entries(r.statuses))
        if (!st.startsWith("2")) probeErrors[st] = (probeErrors[st] ?? 0) + n;
    const targetsMet = {
      no_errors: Object.keys(errors).length === 0 && Object.keys(probeErrors).length === 0,
      detail_throughput_ratio: alone ? alone.per_s / me.per_s : null,
      detail_in_mix_throughput_ratio: detail ? detail.per_s / me.per_s : null,
      detail_p99_over_p50: detail ? detail.p99 / detail.p50 : null,
      detail_alone_p99_over_p50: alone ? alone.p99 / alone.p50 : null,
      flood_p99_root: floodRows.find((r) => r.route === "GET /")?.p99 ?? null,
      flood_p99_detail: floodRows.find((r) => r.route === "GET /api/clusters/:id")?.p99 ?? null,
    };
    process.stdout.write(
      `\nTargets\n` +
        `  errors for signed-in users (baseline, mix, details alone): ${JSON.stringify(errors)}; probe during flood: ${JSON.stringify(probeErrors)}  → ${targetsMet.no_errors ? "met" : "MISSED"} (0 errors)\n` +
        `  cluster-detail throughput (details alone) / baseline (GET /api/auth/me): ${alone?.per_s.toFixed(1)} / ${me.per_s.toFixed(1)} = ${targetsMet.detail_throughput_ratio?.toFixed(2)}  → ${(targetsMet.detail_throughput_ratio ?? 0) >= 0.5 ? "met" : "MISSED"} (≥ 0.5); in the mix ${detail?.per_s.toFixed(1)}/s = ${targetsMet.detail_in_mix_throughput_ratio?.toFixed(2)} of the baseline (capped near 0.35 by the mix's weights)\n` +
        `  cluster-detail p99 / p50 in the mix: ${detail?.p99.toFixed(0)} / ${detail?.p50.toFixed(0)} ms = ${targetsMet.detail_p99_over_p50?.toFixed(1)}  → ${(targetsMet.detail_p99_over_p50 ?? 99) <= 4 ? "met" : "MISSED"} (≤ 4); details alone ${alone?.p99.toFixed(0)} / ${alone?.p50.toFixed(0)} ms = ${targetsMet.detail_alone_p99_over_p50?.toFixed(1)}\n` +
        `  during the flood, p99 of GET /: ${targetsMet.flood_p99_root?.toFixed(0)} ms, of a cluster detail: ${targetsMet.flood_p99_detail?.toFixed(0)} ms  → ${(targetsMet.flood_p99_root ?? 1e9) < 300 && (targetsMet.flood_p99_detail ?? 1e9) < 300 ? "met" : "MISSED"} (< 300 ms)\n`,
    );
    if (values.json)
      process.stdout.write(
        JSON.stringify({
          baseline: baseRows,
          mix: mixRows,
          details: detailRows,
          quiet: quietRows,
          flood: floodRows,
          cpu: { base: base.cpu, mix: mix.cpu, details: detailsOnly.cpu, quiet: quiet.cpu, flood: flood.cpu },
          targets: targetsMet,
        }) + "\n",
      );
  } finally {
    await pool.close();
    server.kill("SIGTERM");
    await new Promise((r) => (server.exitCode !== null ? r(null) : server.once("exit", r)));
    if (neo.startedNow && !values["keep-db"]) await stopNeo4j(config.neo4j);
  }
});
