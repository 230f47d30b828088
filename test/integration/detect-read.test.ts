/**
 * Detection's compact read (one row per shared identifier with its applications' internal ids, then the
 * sharing applications by id) against the input built in process from the same records: the same
 * applications, identifiers, per-kind totals and flags, and so the same clusters. Seeded data, ingested
 * through the pipeline into the real Neo4j, some applications re-ingested with changed details.
 */

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { generatePopulation } from "../../seed/generate.js";
import type { ContractRecord } from "../../seed/types.js";
import { loadConfig } from "../../server/config.js";
import { connectDatabase, type Database } from "../../server/db/database.js";
import { beginDetection, detectClusters } from "../../server/detect/index.js";
import { loadContactKeys } from "../../server/runs/load-contact-keys.js";
import { loadDetectionInput } from "../../server/runs/load-input.js";
import { defaultEnvironment } from "../../server/detect/environment.js";
import type { DetectionInput } from "../../server/detect/input.js";
import { inputFromRecords } from "../../server/tools/records-input.js";
import { emptyDatabase, ingestList } from "../helpers/context.js";

const env = defaultEnvironment();
let db: Database;
let records: ContractRecord[];

async function ingest(list: ContractRecord[]): Promise<void> {
  expect((await ingestList(db, list)).rejected).toBe(0);
}

/** Per application id: its fields, per-kind totals and its links as sorted refs. */
function byApplication(input: DetectionInput) {
  const out = new Map<string, unknown>();
  const { apps, identifiers, links, strings } = input;
  for (let a = 0; a < apps.count; a++) {
    const refs: string[] = [];
    for (let j = links.offset[a]!; j < links.offset[a + 1]!; j++) {
      const i = links.ident[j]!;
      refs.push(`${identifiers.kind[i]}:${identifiers.key[i]}`);
    }
    out.set(apps.ids[a]!, {
      t: apps.submittedAt[a],
      nameKey: apps.nameKey[a]! < 0 ? null : strings.nameKeys[apps.nameKey[a]!],
      fullName: apps.fullName[a],
      ship: apps.shippingAddress[a],
      indicators: apps.indicators[a],
      totals: Array.from(apps.kindTotals.subarray(a * 7, a * 7 + 7)),
      hosting: apps.hostingIps.get(a) ?? null,
      education: apps.educationClaims.get(a) ?? null,
      refs: refs.sort(),
    });
  }
  return out;
}

/** Per application id, the typo fold's values as sorted "kind:key" strings. */
function contactKeys(input: DetectionInput) {
  return new Map(
    [...input.contactKeys!].map(([a, keys]) => [input.apps.ids[a]!, keys.map((c) => `${c.kind}:${c.key}`).sort()]),
  );
}

beforeAll(async () => {
  db = await connectDatabase(loadConfig(), { startIfNeeded: false });
  await emptyDatabase(db);
  await db.applySchema();
  const generated = [...generatePopulation({ apps: 3000, seed: 42 })].map((x) => x.record);
  // Re-ingested: every 40th application with a new phone or without its device.
  const changed = generated
    .filter((_, i) => i % 40 === 7)
    .map((r, k) =>
      k % 2 ? { ...r, phone: `+1415555${String(3000 + k).padStart(4, "0")}` } : { ...r, device_id: undefined },
    );
  await ingest(generated);
  await ingest(changed);
  records = [...generated, ...changed];
}, 180_000);
afterAll(async () => db.close());

describe("loadDetectionInput (compact read)", () => {
  it("reads the same input as the records give, whatever the chunk of ids per query", async () => {
    const expected = inputFromRecords(records, env).input;
    for (const chunk of [50_000, 333]) {
      const { input, parts } = await loadDetectionInput(db, { environment: env, chunk });
      expect(input.totalApplications).toBe(expected.totalApplications);
      expect(input.apps.count).toBe(expected.apps.count);
      expect(input.apps.count).toBeGreaterThan(500);
      expect(input.identifiers.count).toBe(expected.identifiers.count);
      expect(byApplication(input)).toEqual(byApplication(expected));
      expect(parts.identifiers).toBeGreaterThan(0);
    }
  });

  it("attaches the typo fold's values that the records give", async () => {
    const { input, nodeIds } = await loadDetectionInput(db, { environment: env });
    // The pass names the candidates among the components it recomputes: all of them in a full pass, so
    // the same applications as every identity's test over the records (server/tools/records-input.ts).
    const pass = beginDetection(input, { environment: env });
    const read = await loadContactKeys(db, input, nodeIds, pass.reuseCandidates());
    const expected = inputFromRecords(records, env).input;
    expect(read.applications).toBeGreaterThan(0);
    expect(read.applications).toBe(expected.contactKeys!.size);
    expect(contactKeys(input)).toEqual(contactKeys(expected));
  });

  it("gives the clusters detection gives on the records", async () => {
    const { input, nodeIds } = await loadDetectionInput(db, { environment: env });
    const pass = beginDetection(input, { environment: env });
    await loadContactKeys(db, input, nodeIds, pass.reuseCandidates());
    const fromDb = pass.finish();
    // Detection's output follows the input's application order (the names in a household's reason), and
    // the graph's internal ids follow no file order (Neo4j reuses freed ids): the records go in the
    // order the read gave, those that share nothing after them.
    const place = new Map(input.apps.ids.map((id, a) => [id, a]));
    const ordered = [...records].sort(
      (x, y) => (place.get(x.application_id) ?? 1e9) - (place.get(y.application_id) ?? 1e9),
    );
    const fromRecords = detectClusters(inputFromRecords(ordered, env).input, { environment: env });
    expect(fromDb.clusters.length).toBeGreaterThan(10);
    expect(fromDb.clusters).toEqual(fromRecords.clusters);
    expect(fromDb.commonInfrastructure).toEqual(fromRecords.commonInfrastructure);
  });
});
