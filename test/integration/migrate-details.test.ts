/**
 * A store written before the application fields were packed into `details` is packed when the schema is
 * applied, into exactly the graph the pipeline writes now, and the API reads it as before.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { ApplicationRepository } from "../../server/applications/applications.repository.js";
import { loadConfig } from "../../server/config.js";
import { unpackDetails } from "../../server/db/application-details.js";
import { connectDatabase, type Database } from "../../server/db/database.js";
import { packLegacyDetails } from "../../server/db/migrate-details.js";
import { defineQueries } from "../../server/db/queries.js";
import { generatePopulation } from "../../seed/generate.js";
import { emptyDatabase, ingestList } from "../helpers/context.js";
import { graphFingerprint } from "../helpers/graph-fingerprint.js";

defineQueries(["read/all-links", "test/unpack-details"] as const);

let db: Database;

/** Rewrites every application the old way: each packed field its own property, no `details`. */
async function unpackAll(): Promise<number> {
  const rows = (await db.read<{ id: string; details: string }>("read/all-links")).map((r) => ({
    id: r.id,
    fields: unpackDetails(r.details),
  }));
  await db.write("test/unpack-details", { rows });
  return rows.length;
}

beforeAll(async () => {
  db = await connectDatabase(loadConfig(), { startIfNeeded: false });
  await emptyDatabase(db);
  await db.applySchema();
  const records = [...generatePopulation({ apps: 1000, seed: 11 })].map((x) => x.record);
  expect((await ingestList(db, records)).rejected).toBe(0);
});

afterAll(async () => {
  await emptyDatabase(db);
  await db.close();
});

describe("packing a store written before", () => {
  it("packs every application into the pipeline's graph when the schema is applied, and the API reads the same", async () => {
    const repo = new ApplicationRepository(db);
    const before = await graphFingerprint(db);
    const ids = (await db.read<{ id: string }>("read/all-links")).map((r) => r.id);
    const views = await Promise.all(ids.slice(0, 200).map((id) => repo.byId(id)));
    expect(before.propNames).toContain("Application.details");
    // The views compared below hold packed scalars and lists.
    expect(views.filter((v) => v?.props.university !== undefined).length).toBeGreaterThan(0);
    expect(views.filter((v) => (v?.props.indicators as string[]).length > 0).length).toBeGreaterThan(0);

    expect(await unpackAll()).toBe(ids.length);
    const legacy = await graphFingerprint(db);
    expect(legacy.propNames).not.toContain("Application.details");
    expect(legacy.propNames).toContain("Application.claimed_country");
    // The old form, read by a reader that names its fields, shows none of them: what the migration is for.
    const withCountry = views.find((v) => v?.props.claimed_country !== undefined)!;
    expect((await repo.summary(withCountry.id))?.claimed_country).toBeNull();

    await db.applySchema();
    const after = await graphFingerprint(db);
    expect(after.nodes).toEqual(before.nodes);
    expect(after.checksum).toBe(before.checksum);
    expect(after.propNames).toEqual(before.propNames);
    expect(await Promise.all(ids.slice(0, 200).map((id) => repo.byId(id)))).toEqual(views);
  });

  it("packs page by page, counts what it packed, and finds nothing left the second time", async () => {
    const n = await unpackAll();
    expect(await packLegacyDetails(db, { page: 64 })).toBe(n);
    expect(await packLegacyDetails(db, { page: 64 })).toBe(0);
    expect((await graphFingerprint(db)).propNames).not.toContain("Application.claimed_country");
  });
});
