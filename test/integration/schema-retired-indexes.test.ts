/**
 * Applying the schema drops the indexes Ringscope retired from a store that still holds them, and leaves
 * Application with exactly the indexes its statements seek by.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { loadConfig } from "../../server/config.js";
import { connectDatabase, type Database } from "../../server/db/database.js";
import { defineQueries } from "../../server/db/queries.js";
import { emptyDatabase } from "../helpers/context.js";

defineQueries(["test/application-indexes", "test/retired-index-name-key", "test/retired-index-submitted-at"] as const);

let db: Database;
const names = async () => (await db.read<{ name: string }>("test/application-indexes")).map((r) => r.name);
const KEPT = ["application_id_unique", "application_ingested_at", "application_name_ft"];

beforeAll(async () => {
  db = await connectDatabase(loadConfig(), { startIfNeeded: false });
  await emptyDatabase(db);
});

afterAll(async () => {
  await db.applySchema();
  await db.close();
});

describe("retired indexes", () => {
  it("drops application_name_key and application_submitted_at where they exist, and applies cleanly where they do not", async () => {
    await db.write("test/retired-index-name-key");
    await db.write("test/retired-index-submitted-at");
    await db.write("admin/await-indexes");
    expect(await names()).toEqual(expect.arrayContaining(["application_name_key", "application_submitted_at"]));

    await db.applySchema();
    expect(await names()).toEqual(KEPT);
    // A second application, with nothing left to drop, is not an error and changes nothing.
    await db.applySchema();
    expect(await names()).toEqual(KEPT);
  });
});
