/**
 * Cypher registry
 * ===============
 *
 * Every statement lives in its own file under `cypher/`, read once at start-up. Each module that runs
 * queries declares the names it uses with `defineQueries`, which fails at import (boot) when a file is
 * missing; no query text is ever built from input.
 */
import fs from "node:fs";
import path from "node:path";

import { PROJECT_ROOT } from "../config.js";
import { QUERY_NAMES, type QueryName } from "./query-names.js";

export const CYPHER_DIR = path.join(PROJECT_ROOT, "cypher");

export { QUERY_NAMES, type QueryName } from "./query-names.js";

/** Every `.cypher` file under `dir`, by its path without the extension (the test holds QUERY_NAMES to this). */
export function listCypherFiles(dir: string = CYPHER_DIR, prefix = ""): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    if (entry.isDirectory()) out.push(...listCypherFiles(path.join(dir, entry.name), `${prefix}${entry.name}/`));
    else if (entry.name.endsWith(".cypher")) out.push(`${prefix}${entry.name.slice(0, -".cypher".length)}`);
  }
  return out;
}

function load(): Readonly<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const name of listCypherFiles(CYPHER_DIR))
    out[name] = fs.readFileSync(path.join(CYPHER_DIR, `${name}.cypher`), "utf8").trim();
  return Object.freeze(out);
}

export const QUERIES = load();

/**
 * Declares the queries a module runs. The compiler checks each name against QUERY_NAMES; the check at
 * import time catches a file removed after the list was last brought up to date.
 */
export function defineQueries<const T extends readonly QueryName[]>(names: T): T {
  const missing = names.filter((n) => !(n in QUERIES));
  if (missing.length)
    throw new Error(`cypher: missing query file(s): ${missing.map((m) => `cypher/${m}.cypher`).join(", ")}`);
  return names;
}

export function queryText(name: QueryName): string {
  const q = QUERIES[name];
  if (q === undefined) throw new Error(`cypher: unknown query "${name}"`);
  return q;
}

/** Schema statements (constraints, indexes), applied idempotently at every start. */
export const SCHEMA_QUERIES = QUERY_NAMES.filter((n) => n.startsWith("schema/"));
