/**
 * Local Neo4j manager
 * ===================
 *
 * Installs Neo4j Community from Maven Central into `.neo4j/lib`, and starts, stops and inspects named
 * instances (`.neo4j/<instance>/`) that listen on loopback with authentication on and a generated
 * password. Idempotent: a running instance is reused.
 */
import { spawn, spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";

import { PROJECT_ROOT, type Config } from "../config.js";

export interface InstancePaths {
  lib: string;
  root: string;
  conf: string;
  data: string;
  logs: string;
  pidFile: string;
  passwordFile: string;
  console: string;
}

export type Neo4jSettings = Config["neo4j"];

export function instancePaths(s: Neo4jSettings): InstancePaths {
  const root = path.join(s.home, s.instance);
  return {
    lib: path.join(s.home, `lib-${s.version}`),
    root,
    conf: path.join(root, "conf"),
    data: path.join(root, "data"),
    logs: path.join(root, "logs"),
    pidFile: path.join(root, "neo4j.pid"),
    passwordFile: path.join(root, "password"),
    console: path.join(root, "logs", "console.log"),
  };
}

const log = (msg: string) => process.stderr.write(`[neo4j] ${msg}\n`);

/** Downloads the server's jars with the machine's `mvn` unless they are already there. */
export function install(s: Neo4jSettings): void {
  const p = instancePaths(s);
  if (fs.existsSync(path.join(p.lib, `neo4j-${s.version}.jar`))) return;
  log(`installing Neo4j ${s.version} Community from Maven Central into ${p.lib} (about a minute)…`);
  fs.mkdirSync(s.home, { recursive: true });
  const tmp = `${p.lib}.partial`;
  fs.rmSync(tmp, { recursive: true, force: true });
  const res = spawnSync(
    "mvn",
    [
      "-q",
      "-B",
      "-f",
      path.join(PROJECT_ROOT, "server/neo4j/pom.xml"),
      `-Dneo4j.version=${s.version}`,
      "dependency:copy-dependencies",
      "-DincludeScope=runtime",
      `-DoutputDirectory=${tmp}`,
    ],
    { stdio: ["ignore", "inherit", "inherit"] },
  );
  if (res.status !== 0) throw new Error(`neo4j: mvn could not fetch Neo4j ${s.version} (exit ${res.status})`);
  fs.renameSync(tmp, p.lib);
}

export function readPid(p: InstancePaths): number | null {
  try {
    const pid = Number(fs.readFileSync(p.pidFile, "utf8").trim());
    if (!pid) return null;
    process.kill(pid, 0);
    return pid;
  } catch {
    return null;
  }
}

export function portOpen(port: number, host = "127.0.0.1", timeoutMs = 1000): Promise<boolean> {
  return new Promise((resolve) => {
    const sock = net.connect({ port, host });
    const done = (ok: boolean) => {
      sock.destroy();
      resolve(ok);
    };
    sock.setTimeout(timeoutMs, () => done(false));
    sock.once("connect", () => done(true));
    sock.once("error", () => done(false));
  });
}

export function writeConf(s: Neo4jSettings, p: InstancePaths): void {
  fs.mkdirSync(p.conf, { recursive: true });
  fs.mkdirSync(p.logs, { recursive: true });
  fs.mkdirSync(p.data, { recursive: true });
  const conf = [
    "# Written by Ringscope (server/neo4j/manager.ts) at every start; edit the environment, not this file.",
    "server.default_listen_address=127.0.0.1",
    `server.bolt.listen_address=127.0.0.1:${s.boltPort}`,
    "server.bolt.advertised_address=127.0.0.1",
    "server.http.enabled=false",
    "server.https.enabled=false",
    "dbms.security.auth_enabled=true",
    `server.directories.data=${p.data}`,
    `server.directories.logs=${p.logs}`,
    `server.memory.heap.initial_size=${s.heap}`,
    `server.memory.heap.max_size=${s.heap}`,
    `server.memory.pagecache.size=${s.pagecache}`,
    "dbms.memory.transaction.total.max=0",
    "db.tx_log.rotation.retention_policy=1 files",
    "server.jvm.additional=-XX:+ExitOnOutOfMemoryError",
    "dbms.usage_report.enabled=false",
  ];
  fs.writeFileSync(path.join(p.conf, "neo4j.conf"), conf.join("\n") + "\n");
}

/** The instance's password, generated and stored (mode 600) on first use. */
export function ensurePassword(s: Neo4jSettings): { password: string; isNew: boolean } {
  const p = instancePaths(s);
  fs.mkdirSync(p.root, { recursive: true });
  if (fs.existsSync(p.passwordFile)) return { password: fs.readFileSync(p.passwordFile, "utf8").trim(), isNew: false };
  const password = crypto.randomBytes(18).toString("base64url");
  fs.writeFileSync(p.passwordFile, password + "\n", { mode: 0o600 });
  return { password, isNew: true };
}

/**
 * The JVM options Neo4j's own launcher passes (its default neo4j.conf). Without the `--add-opens` lines
 * the page cache falls back to slower buffer access and the transaction log cannot advise the kernel;
 * both cost ingest throughput.
 */
export const NEO4J_JVM_OPTIONS = [
  "-XX:+UseG1GC",
  "-XX:-OmitStackTraceInFastThrow",
  "-XX:+UnlockExperimentalVMOptions",
  "-XX:+TrustFinalNonStaticFields",
  "-XX:+DisableExplicitGC",
  "-XX:+ExitOnOutOfMemoryError",
  "-Djdk.nio.maxCachedBufferSize=1024",
  "-Dio.netty.tryReflectionSetAccessible=true",
  "-Dlog4j2.disable.jmx=true",
  "-Dfile.encoding=UTF-8",
  "--add-opens=java.base/java.nio=ALL-UNNAMED",
  "--add-opens=java.base/java.io=ALL-UNNAMED",
  "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
  // Deeper stacks for `bench:ingest --server-profile` (Flight Recorder's default, 64 frames, cuts the
  // commit and the query off a Cypher write's samples); nothing is recorded unless a profile is taken.
  "-XX:FlightRecorderOptions:stackdepth=128",
];

export function javaEnv(p: InstancePaths): NodeJS.ProcessEnv {
  return { ...process.env, NEO4J_HOME: p.root, NEO4J_CONF: p.conf };
}

function setInitialPassword(p: InstancePaths, password: string): void {
  const res = spawnSync(
    "java",
    // "--" ends the options: a generated (base64url) password may start with "-".
    ["-cp", `${p.lib}/*`, "org.neo4j.cli.AdminTool", "dbms", "set-initial-password", "--", password],
    { env: javaEnv(p), encoding: "utf8" },
  );
  if (res.status !== 0) throw new Error(`neo4j: set-initial-password failed: ${res.stderr || res.stdout}`);
}

export interface StartResult {
  uri: string;
  password: string;
  startedNow: boolean;
  pid: number | null;
}

/** Installs if needed, starts the instance unless it already runs, and waits until Bolt answers. */
export async function start(s: Neo4jSettings, timeoutMs = 180_000): Promise<StartResult> {
  const p = instancePaths(s);
  const uri = `bolt://127.0.0.1:${s.boltPort}`;
  const running = readPid(p);
  const { password, isNew } = ensurePassword(s);
  if (running && (await portOpen(s.boltPort))) return { uri, password, startedNow: false, pid: running };
  // Running but not listening yet (another process is starting it): wait for it rather than start a second.
  if (running) return { uri, password, startedNow: false, pid: await waitForBolt(s, p, running, uri, timeoutMs) };
  if (!running && (await portOpen(s.boltPort)))
    throw new Error(`neo4j: port ${s.boltPort} is taken by another process; set RINGSCOPE_NEO4J_BOLT_PORT`);
  install(s);
  writeConf(s, p);
  const authFile = path.join(p.data, "dbms", "auth.ini");
  if (isNew || !fs.existsSync(path.join(p.data, "databases"))) {
    if (!fs.existsSync(authFile)) setInitialPassword(p, password);
  }
  const out = fs.openSync(p.console, "a");
  const child = spawn(
    "java",
    [
      `-Xms${s.heap}`,
      `-Xmx${s.heap}`,
      ...NEO4J_JVM_OPTIONS,
      "-cp",
      `${p.lib}/*`,
      "org.neo4j.server.CommunityEntryPoint",
      `--home-dir=${p.root}`,
      `--config-dir=${p.conf}`,
    ],
    { env: javaEnv(p), detached: true, stdio: ["ignore", out, out] },
  );
  child.unref();
  fs.writeFileSync(p.pidFile, String(child.pid));
  log(`starting instance "${s.instance}" (pid ${child.pid}) on ${uri}…`);
  return { uri, password, startedNow: true, pid: await waitForBolt(s, p, child.pid ?? 0, uri, timeoutMs) };
}

async function waitForBolt(s: Neo4jSettings, p: InstancePaths, pid: number, uri: string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await portOpen(s.boltPort)) return pid;
    if (!readPid(p)) throw new Error(`neo4j: the server exited during start-up; see ${p.console} and ${p.logs}`);
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`neo4j: Bolt did not answer on ${uri} within ${timeoutMs / 1000}s; see ${p.console}`);
}

/** Stops the instance and waits for its process to exit. Returns false when it was not running. */
export async function stop(s: Neo4jSettings, timeoutMs = 60_000): Promise<boolean> {
  const p = instancePaths(s);
  const pid = readPid(p);
  if (!pid) return false;
  process.kill(pid, "SIGTERM");
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!readPid(p)) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  if (readPid(p)) process.kill(pid, "SIGKILL");
  fs.rmSync(p.pidFile, { force: true });
  return true;
}

export interface Status {
  instance: string;
  installed: boolean;
  pid: number | null;
  boltOpen: boolean;
  uri: string;
}

export async function status(s: Neo4jSettings): Promise<Status> {
  const p = instancePaths(s);
  return {
    instance: s.instance,
    installed: fs.existsSync(p.lib),
    pid: readPid(p),
    boltOpen: await portOpen(s.boltPort),
    uri: `bolt://127.0.0.1:${s.boltPort}`,
  };
}
