/**
 * The config module validates the environment in one place; the Cypher registry holds one statement per
 * file and refuses names that have no file.
 */
import fs from "node:fs";
import path from "node:path";

import { describe, expect, it } from "vitest";

import { loadConfig, toolEnv } from "../../server/config.js";
import {
  CYPHER_DIR,
  defineQueries,
  listCypherFiles,
  QUERIES,
  QUERY_NAMES,
  SCHEMA_QUERIES,
  type QueryName,
} from "../../server/db/queries.js";

describe("loadConfig", () => {
  it("defaults to the project's own dev instance on loopback", () => {
    const c = loadConfig({});
    expect(c.host).toBe("127.0.0.1");
    expect(c.port).toBe(3000);
    expect(c.neo4j).toMatchObject({ managed: true, instance: "dev", boltPort: 7687, uri: "bolt://127.0.0.1:7687" });
    expect(Object.isFrozen(c)).toBe(true);
  });
  it("gives test and other instances their own ports; only the test instance gets small memory", () => {
    expect(loadConfig({ RINGSCOPE_NEO4J_INSTANCE: "test" }).neo4j).toMatchObject({ boltPort: 7688, heap: "1g" });
    expect(loadConfig({ RINGSCOPE_NEO4J_INSTANCE: "bench" }).neo4j).toMatchObject({ heap: "4g", pagecache: "4g" });
    const other = loadConfig({ RINGSCOPE_NEO4J_INSTANCE: "eval" }).neo4j.boltPort;
    expect(other).toBeGreaterThanOrEqual(17000);
    expect(other).not.toBe(loadConfig({ RINGSCOPE_NEO4J_INSTANCE: "bench" }).neo4j.boltPort);
  });
  it("uses an external server when NEO4J_URI is set", () => {
    const c = loadConfig({ NEO4J_URI: "neo4j+s://x.databases.neo4j.io", NEO4J_PASSWORD: "pw" });
    expect(c.neo4j).toMatchObject({ managed: false, uri: "neo4j+s://x.databases.neo4j.io", password: "pw" });
  });
  it("fails fast naming every invalid key", () => {
    expect(() => loadConfig({ PORT: "eighty", RINGSCOPE_NEO4J_INSTANCE: "Bad Name" })).toThrow(
      /PORT.*RINGSCOPE_NEO4J_INSTANCE/,
    );
  });
});

describe("toolEnv", () => {
  it("fills what the environment leaves unset or empty, keeps what it sets, and applies overrides on top", () => {
    const source = { RINGSCOPE_NEO4J_HEAP: "1g", RINGSCOPE_NEO4J_PAGECACHE: "", PATH: "/bin" };
    const env = toolEnv(
      { RINGSCOPE_NEO4J_INSTANCE: "chaos", RINGSCOPE_NEO4J_HEAP: "2g", RINGSCOPE_NEO4J_PAGECACHE: "2g" },
      { DEMO_APPS: "0" },
      source,
    );
    expect(env).toEqual({
      RINGSCOPE_NEO4J_INSTANCE: "chaos",
      RINGSCOPE_NEO4J_HEAP: "1g",
      RINGSCOPE_NEO4J_PAGECACHE: "2g",
      PATH: "/bin",
      DEMO_APPS: "0",
    });
    expect(source).toEqual({ RINGSCOPE_NEO4J_HEAP: "1g", RINGSCOPE_NEO4J_PAGECACHE: "", PATH: "/bin" });
    expect(loadConfig(env).neo4j).toMatchObject({ instance: "chaos", heap: "1g", pagecache: "2g" });
  });
  it("is how server/tools/chaos.ts reads its environment (no process.env there)", () => {
    const src = fs.readFileSync(path.resolve(import.meta.dirname, "../../server/tools/chaos.ts"), "utf8");
    expect(src).toMatch(/toolEnv\(/);
    expect(src).not.toMatch(/process\.env/);
  });
});

describe("Cypher registry", () => {
  it("loads every .cypher file by its path", () => {
    const count = (dir: string): number =>
      fs
        .readdirSync(dir, { withFileTypes: true })
        .reduce(
          (n, e) => n + (e.isDirectory() ? count(path.join(dir, e.name)) : e.name.endsWith(".cypher") ? 1 : 0),
          0,
        );
    expect(Object.keys(QUERIES)).toHaveLength(count(CYPHER_DIR));
    expect(QUERIES["read/search-names"]).toMatch(/queryNodes/);
  });
  it("holds one statement per file", () => {
    for (const [name, text] of Object.entries(QUERIES)) {
      const code = text.replace(/\/\/.*$/gm, "").replace(/'[^']*'/g, "''");
      expect(code.includes(";"), `${name} holds more than one statement`).toBe(false);
    }
  });
  it("applies only idempotent schema statements", () => {
    expect(SCHEMA_QUERIES.length).toBeGreaterThan(8);
    for (const q of SCHEMA_QUERIES) {
      const code = QUERIES[q].replace(/\/\/.*$/gm, "").trim();
      expect(code, q).toMatch(/^(CREATE (CONSTRAINT|(FULLTEXT )?INDEX) \w+ IF NOT EXISTS |DROP INDEX \w+ IF EXISTS$)/);
    }
    // A retired index is dropped, never created again by a statement that is still applied.
    const dropped = SCHEMA_QUERIES.flatMap((q) => QUERIES[q].match(/DROP INDEX (\w+)/)?.[1] ?? []);
    expect(dropped.length).toBeGreaterThan(0);
    for (const name of dropped)
      for (const q of SCHEMA_QUERIES) expect(QUERIES[q], q).not.toMatch(new RegExp(`CREATE .*\\b${name}\\b`));
  });
  it("refuses a query name without a file at import time", () => {
    // @ts-expect-error the compiler refuses the name too (QueryName is the union of the files' names)
    expect(() => defineQueries(["read/no-such-query"] as const)).toThrow(/cypher\/read\/no-such-query\.cypher/);
  });
  it("names every .cypher file in QUERY_NAMES, and nothing else (the type the compiler checks names by)", () => {
    const files = listCypherFiles().sort();
    const listed = [...QUERY_NAMES].sort();
    expect(
      {
        missing: files.filter((f) => !listed.includes(f as QueryName)),
        extra: listed.filter((n) => !files.includes(n)),
      },
      "add or remove these names in server/db/query-names.ts",
    ).toEqual({ missing: [], extra: [] });
    expect(new Set(QUERY_NAMES).size).toBe(QUERY_NAMES.length);
  });
});
