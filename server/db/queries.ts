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

export const CYPHER_DIR = path.join(PROJECT_ROOT, "cypher");

/** A query's name is its path under cypher/ without the extension, e.g. `read/search-names`. */
export type QueryName = string;

function listCypherFiles(dir: string, prefix = ""): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    if (entry.isDirectory()) out.push(...listCypherFiles(path.join(dir, entry.name), `${prefix}${entry.name}/`));
    else if (entry.name.endsWith(".cypher")) out.push(`${prefix}${entry.name.slice(0, -".cypher".length)}`);
  }
  return out;
}

function load(): Readonly<Record<QueryName, string>> {
  const out: Record<QueryName, string> = {};
  for (const name of listCypherFiles(CYPHER_DIR))
    out[name] = fs.readFileSync(path.join(CYPHER_DIR, `${name}.cypher`), "utf8").trim();
  return Object.freeze(out);
}

export const QUERIES = load();

/** Checks at import time that every named query exists; returns the names unchanged. */
export function defineQueries<const T extends readonly string[]>(names: T): T {
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
export const SCHEMA_QUERIES = Object.keys(QUERIES).filter((n) => n.startsWith("schema/"));
