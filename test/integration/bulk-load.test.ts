/**
 * Bulk load against the real Neo4j: the offline importer's graph equals the pipeline's for the same
 * files (counts per label and relationship type, a checksum over sorted ids and links, every property
 * with its type), duplicates and rejects included, with the records spread over three worker threads; it refuses a database that holds anything and a
 * server it does not run.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { unpackDetails } from "../../server/db/application-details.js";
import { loadConfig } from "../../server/config.js";
import { ApplicationRepository } from "../../server/applications/applications.repository.js";
import { IngestRepository } from "../../server/ingest/ingest.repository.js";
import { connectDatabase, type Database } from "../../server/db/database.js";
import { assertBulkLoadable, bulkLoad, BulkLoadRefused } from "../../server/ingest/bulk/bulk-load.js";
import { ingestRecords } from "../../server/ingest/pipeline.js";
import { readFileRecords } from "../../server/ingest/readers.js";
import { MemoryRejectSink } from "../../server/ingest/rejects.js";
import { generatePopulation } from "../../seed/generate.js";
import { emptyDatabase } from "../helpers/context.js";
import { graphFingerprint } from "../helpers/graph-fingerprint.js";

const config = loadConfig();
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "ringscope-bulk-test-"));
const file = path.join(tmp, "population.ndjson");
let db: Database;

beforeAll(async () => {
  // A seeded population, then records that replace earlier ones, a reject and a value with a line break.
  const lines: string[] = [];
  const records: Record<string, unknown>[] = [];
  for (const s of generatePopulation({ apps: 1500, seed: 7 }))
    records.push(s.record as unknown as Record<string, unknown>);
  for (const r of records) lines.push(JSON.stringify(r));
  lines.push(JSON.stringify({ ...records[3], email: "replaced.address@example.com", ip: [] }));
  lines.push(JSON.stringify({ ...records[10], full_name: 'Line\nBreak "quoted", name' }));
  lines.push(JSON.stringify({ application_id: "no-date" }));
  lines.push("not json");
  fs.writeFileSync(file, lines.join("\n") + "\n");
  db = await connectDatabase(config, { startIfNeeded: false });
});
afterAll(async () => {
  await db.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe("bulk load", () => {
  it("builds the same graph as the pipeline for the same file", async () => {
    await emptyDatabase(db);
    const pipeRejects = new MemoryRejectSink();
    // One batch at a time: with two in flight, a later batch can create an identifier first, and its
    // `sample` (the spelling first seen) then comes from that batch; bulk load follows file order.
    const piped = await ingestRecords(new IngestRepository(db), readFileRecords(file), {
      batchSize: 500,
      concurrency: 1,
      rejects: pipeRejects,
    });
    const expected = await graphFingerprint(db);
    expect(expected.perLabel.Application).toBe(1500);
    // An empty list is not stored (the importer cannot write one): the file has applications with each list
    // empty and with it filled, so the comparison below covers both, and no stored list is empty.
    // The lists are packed in `details` (server/db/application-details.ts), which both paths write with one function.
    const apps = expected.nodes.map((n) => (n.node.startsWith("Application ") ? unpackDetails(n.props.details) : null));
    for (const list of ["indicators", "nonroutable_ips"] as const) {
      expect(apps.filter((d) => d && d[list] === undefined).length).toBeGreaterThan(0);
      expect(apps.filter((d) => Array.isArray(d?.[list]) && (d[list] as unknown[]).length > 0).length).toBeGreaterThan(
        0,
      );
      expect(apps.some((d) => Array.isArray(d?.[list]) && (d[list] as unknown[]).length === 0)).toBe(false);
    }

    await emptyDatabase(db);
    await db.close();
    const bulkRejects = new MemoryRejectSink();
    // Three normalising workers taking chunks of 100 records, so that every worker writes part of the files.
    const result = await bulkLoad(
      config,
      [{ name: file, records: readFileRecords(file, { parse: false }), rejects: bulkRejects }],
      { batchSize: 500, workers: 3, chunkRecords: 100, log: (line) => process.stderr.write(`${line}\n`) },
    );
    console.log(`bulk load of ${result.summary.read} records: ${JSON.stringify(result.phases)} s`);
    db = await connectDatabase(config, { startIfNeeded: false });
    expect(result.summary).toMatchObject({
      read: piped.read,
      accepted: piped.accepted,
      rejected: 2,
      unknownFields: piped.unknownFields,
    });
    expect(result.files.replaced).toBe(2);
    expect(bulkRejects.rejects.map((r) => [r.line, r.reason])).toEqual(
      pipeRejects.rejects.map((r) => [r.line, r.reason]),
    );

    const actual = await graphFingerprint(db);
    expect(actual.perLabel).toEqual(expected.perLabel);
    expect(actual.links).toBe(expected.links);
    expect(actual.checksum).toBe(expected.checksum);
    expect(actual.nodes).toEqual(expected.nodes);
    expect(result.counts).toEqual(await new ApplicationRepository(db).counts());
    // The schema is back and online: an index-backed lookup and the name full-text search answer.
    const repo = new ApplicationRepository(db);
    const id = String(expected.nodes.find((n) => n.node.startsWith("Application "))!.props.id);
    expect((await repo.byId(id))?.id).toBe(id);
    expect((await repo.searchNames("Break", 5)).map((r) => r.application.id)).toContain(
      (JSON.parse(fs.readFileSync(file, "utf8").split("\n")[1501]!) as { application_id: string }).application_id,
    );
  }, 1_800_000);

  it("refuses a database that holds anything, naming db:reset, before reading a record", async () => {
    expect((await new ApplicationRepository(db).counts()).applications).toBeGreaterThan(0);
    let read = 0;
    async function* counting() {
      for await (const r of readFileRecords(file)) {
        read++;
        yield r;
      }
    }
    const err = await bulkLoad(config, [{ name: file, records: counting(), rejects: new MemoryRejectSink() }], {
      batchSize: 500,
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BulkLoadRefused);
    expect((err as Error).message).toMatch(/runs only on an empty one.*db:reset/);
    expect(read).toBe(0);
  });

  it("explains that someone else's server (NEO4J_URI) cannot be bulk loaded", async () => {
    const external = loadConfig({
      ...process.env,
      NEO4J_URI: "neo4j+s://example.databases.neo4j.io",
      NEO4J_PASSWORD: "x",
    });
    await expect(assertBulkLoadable(external)).rejects.toThrow(/needs the project's own Neo4j server.*NEO4J_URI/);
  });
});
