/**
 * Processes for the chaos script
 * ==============================
 *
 * Starts the project's own scripts as child processes (one Node process each, so that kill -9 hits the
 * process doing the work, not a wrapper), kills them with SIGKILL, and kills and restarts the Neo4j
 * instance. Only the processes started here and the instance named in the configuration are touched.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

import { PROJECT_ROOT, type Config } from "../config.js";
import { instancePaths, start, status } from "../neo4j/manager.js";

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  seconds: number;
}

export interface Child {
  process: ChildProcess;
  exited: Promise<Exit>;
  running(): boolean;
  /** kill -9; resolves when the process is gone. */
  kill9(): Promise<Exit>;
}

/** Runs `server/<script>.ts` under tsx in one Node process, with the chaos instance's environment. */
export function runScript(script: string, args: string[], env: NodeJS.ProcessEnv): Child {
  const t0 = performance.now();
  const child = spawn(process.execPath, ["--import", "tsx", path.join(PROJECT_ROOT, script), ...args], {
    cwd: PROJECT_ROOT,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
  child.stderr.on("data", (d: Buffer) => (stderr = (stderr + d.toString()).slice(-20_000)));
  let done = false;
  const exited = new Promise<Exit>((resolve) =>
    child.on("exit", (code, signal) => {
      done = true;
      resolve({ code, signal, stdout, stderr, seconds: (performance.now() - t0) / 1000 });
    }),
  );
  return {
    process: child,
    exited,
    running: () => !done,
    async kill9() {
      if (!done) child.kill("SIGKILL");
      return exited;
    },
  };
}

/** Waits `ms` or until the child exits, whichever comes first; true when it is still running. */
export async function waitWhileRunning(child: Child, ms: number): Promise<boolean> {
  await Promise.race([child.exited, new Promise((r) => setTimeout(r, ms))]);
  return child.running();
}

/** kill -9 of the Neo4j instance; returns its pid (null when it was not running). */
export async function killNeo4j(config: Config): Promise<number | null> {
  const { pid } = await status(config.neo4j);
  if (!pid) return null;
  process.kill(pid, "SIGKILL");
  for (let i = 0; i < 200; i++) {
    try {
      process.kill(pid, 0);
    } catch {
      return pid;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`chaos: Neo4j (pid ${pid}) did not die after SIGKILL`);
}

/** Starts the instance again (recovery after a kill happens here); returns the seconds it took. */
export async function restartNeo4j(config: Config): Promise<number> {
  const t0 = performance.now();
  await start(config.neo4j, 900_000);
  return (performance.now() - t0) / 1000;
}

/**
 * Empties the instance's database by its files: kill -9, remove the store and transaction logs of the
 * configured database, start again (Neo4j creates an empty store; the schema is applied by the next
 * connection). Seconds, not the minutes a DETACH DELETE of a few million nodes takes; the system
 * database (the password) is untouched. Returns the seconds it took.
 */
export async function wipeStore(config: Config): Promise<number> {
  const t0 = performance.now();
  await killNeo4j(config);
  const { data } = instancePaths(config.neo4j);
  const name = config.neo4j.database;
  for (const dir of [path.join(data, "databases", name), path.join(data, "transactions", name)])
    fs.rmSync(dir, { recursive: true, force: true });
  await restartNeo4j(config);
  return (performance.now() - t0) / 1000;
}
