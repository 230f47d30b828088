/**
 * bench:ingest's shape path against the real Neo4j: through the pipeline it writes exactly the graph the
 * pipeline writes for the same file (labels, ids and keys, links) with no property beyond the unique keys,
 * so that the difference between the two runs' CPU is the properties and nothing else; and it refuses an
 * application id that is stored already rather than measuring a different write.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { loadConfig } from "../../server/config.js";
import { connectDatabase, type Database } from "../../server/db/database.js";
import { IngestRepository } from "../../server/ingest/ingest.repository.js";
import { ingestRecords } from "../../server/ingest/pipeline.js";
import { readFileRecords } from "../../server/ingest/readers.js";
import { normaliseRecord } from "../../server/ingest/record.js";
import { MemoryRejectSink } from "../../server/ingest/rejects.js";
import { measureShapePath } from "../../server/tools/bench-ingest-baselines.js";
import { ShapePathRepository } from "../../server/tools/bench.repository.js";
import { generatePopulation } from "../../seed/generate.js";
import { emptyDatabase } from "../helpers/context.js";
import { graphFingerprint } from "../helpers/graph-fingerprint.js";

const config = loadConfig();
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "ringscope-shape-path-"));
const file = path.join(tmp, "population.ndjson");
let db: Database;

beforeAll(async () => {
  const lines = [...generatePopulation({ apps: 1200, seed: 11 })].map((s) => JSON.stringify(s.record));
  fs.writeFileSync(file, lines.join("\n") + "\n");
  db = await connectDatabase(config, { startIfNeeded: false });
});
afterAll(async () => {
  await db.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe("bench:ingest shape path", () => {
  it("writes the pipeline's graph for the same file, with only ids and keys as properties", async () => {
    await emptyDatabase(db);
    const opts = { batchSize: 250, concurrency: 2 };
    await ingestRecords(new IngestRepository(db), readFileRecords(file), { ...opts, rejects: new MemoryRejectSink() });
    const full = await graphFingerprint(db);
    expect(full.perLabel.Application).toBe(1200);
    expect(full.links).toBeGreaterThan(1200 * 3);
    expect(full.propNames).toContain("Application.raw_json");

    await emptyDatabase(db);
    await ingestRecords(new ShapePathRepository(db), readFileRecords(file), {
      ...opts,
      rejects: new MemoryRejectSink(),
    });
    const shape = await graphFingerprint(db);
    expect(shape.perLabel).toEqual(full.perLabel);
    expect(shape.links).toBe(full.links);
    expect(shape.checksum).toBe(full.checksum);
    const keysOnly = [...full.propNames].filter((p) => p === "Application.id" || p.endsWith(".key"));
    expect([...shape.propNames].sort()).toEqual(keysOnly.sort());
  }, 300_000);

  it("measures through the pipeline, leaves the database empty, and refuses a stored id", async () => {
    await emptyDatabase(db);
    const m = await measureShapePath(new ShapePathRepository(db), file, 500, { batchSize: 100, concurrency: 2 }, null);
    expect(m.accepted).toBe(500);
    expect(m.seconds).toBeGreaterThan(0);
    expect(m.neo4jMicros).toBeNull();
    expect((await graphFingerprint(db)).perLabel).toEqual({});

    const app = normaliseRecord(JSON.parse(fs.readFileSync(file, "utf8").split("\n")[0]!));
    if (!app.ok) throw new Error(app.reason);
    await new IngestRepository(db).writeBatch([app.application]);
    await expect(new ShapePathRepository(db).writeBatch([app.application])).rejects.toThrow(
      `the shape path writes new applications only; ${app.application.id} is stored already`,
    );
  }, 300_000);
});
