/**
 * Python tools for recipient-side checks: a virtual environment under test-results/pyenv (git-ignored),
 * created on first use with the tools a recipient would use and nobody on this project wrote (the OASIS
 * stix2-validator, stix2, networkx, cryptography, pypdf), reused by later runs. Concurrent test
 * processes wait on a lock directory instead of installing twice.
 */
import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";

import { PROJECT_ROOT } from "../../server/config.js";

const run = promisify(execFile);
export const PY_PACKAGES = ["stix2-validator", "stix2", "networkx", "cryptography", "pypdf"];
const ENV_DIR = path.join(PROJECT_ROOT, "test-results", "pyenv");
const READY = path.join(ENV_DIR, "ringscope-ready.txt");
const LOCK = path.join(PROJECT_ROOT, "test-results", "pyenv.lock");
export const PY_SCRIPTS = path.join(PROJECT_ROOT, "test", "helpers", "py");

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The venv's python, creating the venv and installing PY_PACKAGES from PyPI the first time. */
export async function pythonEnv(): Promise<string> {
  const python = path.join(ENV_DIR, "bin", "python");
  const wanted = PY_PACKAGES.join(" ");
  const ready = () => fs.existsSync(READY) && fs.readFileSync(READY, "utf8").trim() === wanted;
  if (ready()) return python;
  fs.mkdirSync(path.dirname(LOCK), { recursive: true });
  for (let waited = 0; ; waited += 1000) {
    try {
      fs.mkdirSync(LOCK);
      break;
    } catch {
      if (ready()) return python;
      if (waited > 600_000) throw new Error(`python env: ${LOCK} held for 10 minutes; remove it if no test is running`);
      await sleep(1000);
    }
  }
  try {
    if (ready()) return python;
    fs.rmSync(ENV_DIR, { recursive: true, force: true });
    await run("python3", ["-m", "venv", ENV_DIR]);
    await run(python, ["-m", "pip", "install", "--quiet", "--disable-pip-version-check", ...PY_PACKAGES], {
      maxBuffer: 16 * 1024 * 1024,
    });
    fs.writeFileSync(READY, `${wanted}\n`);
    return python;
  } finally {
    fs.rmSync(LOCK, { recursive: true, force: true });
  }
}

/** Runs test/helpers/py/<script> with the venv's python and parses the JSON it prints. */
export async function runPython<T = any>(script: string, args: string[]): Promise<T> {
  const python = await pythonEnv();
  const { stdout } = await run(python, [path.join(PY_SCRIPTS, script), ...args], { maxBuffer: 64 * 1024 * 1024 });
  return JSON.parse(stdout) as T;
}

/** Runs a script and returns what it prints, as text. */
export async function runPythonText(script: string, args: string[]): Promise<string> {
  const python = await pythonEnv();
  const { stdout } = await run(python, [path.join(PY_SCRIPTS, script), ...args], { maxBuffer: 64 * 1024 * 1024 });
  return stdout;
}
