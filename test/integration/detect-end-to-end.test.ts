/**
 * Detection end to end against the real Neo4j: records go through the ingest pipeline, the loader
 * streams them back into the compact input, and the pass finds the farm and nothing else.
 */
import { Readable } from "node:stream";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { loadConfig } from "../../server/config.js";
import { IngestRepository } from "../../server/ingest/ingest.repository.js";
import { connectDatabase, type Database } from "../../server/db/database.js";
import { detectClusters } from "../../server/detect/index.js";
import { detectFromDatabase } from "../../server/runs/detect-from-database.js";
import { loadDetectionInput } from "../../server/runs/load-input.js";
import { ingestRecords } from "../../server/ingest/pipeline.js";
import { readRecords } from "../../server/ingest/readers.js";
import { MemoryRejectSink } from "../../server/ingest/rejects.js";
import { emptyDatabase } from "../helpers/context.js";

const at = (minutes: number) => new Date(Date.parse("2026-02-10T03:00:00Z") + minutes * 60_000).toISOString();

const farm = [
  ["F-1", "Alex Kim", "1200 Oak Street, Apt 3, Phoenix AZ 85001", "PAY-FARM-1", "(555) 01-23"],
  ["F-2", "Brian Lee", "1200 oak st apt 3 phoenix az 85001", "PAY-FARM-1", "555 0199"],
  ["F-3", "Carla Diaz", "1200 Oak St., Apartment 3, Phoenix, AZ 85001", "PAY-FARM-1", "+1 555 12"],
  ["F-4", "Dmitri Volkov", "1200 OAK STREET APT 3 PHOENIX AZ 85001", null, "+1 415 555 2671"],
].map(([id, name, address, payment, phone], n) => ({
  application_id: id,
  submitted_at: at(n * 9),
  full_name: name,
  email: `${name!.toLowerCase().replace(" ", ".")}${n}@outlook.com`,
  phone,
  ip: ["203.0.113.50", `45.76.${n}.10`],
  device_id: `FP-${id}`,
  shipping_address: address,
  ...(payment ? { payment_account: payment } : {}),
  university: "Caltech",
  major: "Nursing",
  graduation_date: "2021-03",
  claimed_country: "US",
}));

const repeat = [1, 2, 3].map((n) => ({
  application_id: `R-${n}`,
  submitted_at: at(1000 * n),
  full_name: "Maria Gonzalez",
  email: "maria.gonzalez@gmail.com",
  phone: "+1 312 555 0142",
  ip: `198.51.100.${n}`,
  device_id: "maria-macbook",
  university: "Stanford University",
  major: "Computer Science",
  graduation_date: "2019-06",
}));

const stranger = {
  application_id: "S-1",
  submitted_at: at(5),
  full_name: "Sam Jones",
  email: "sam.jones@yahoo.com",
  phone: "+1 646 555 0110",
  ip: "203.0.113.99",
  device_id: "sam-pc",
};

let db: Database;

beforeAll(async () => {
  db = await connectDatabase(loadConfig(), { startIfNeeded: false });
  await emptyDatabase(db);
  await db.applySchema();
  const ndjson = [...farm, ...repeat, stranger].map((r) => JSON.stringify(r)).join("\n");
  const summary = await ingestRecords(new IngestRepository(db), readRecords(Readable.from([ndjson]), "ndjson"), {
    batchSize: 3,
    rejects: new MemoryRejectSink(),
  });
  expect(summary.accepted).toBe(8);
});
afterAll(async () => db.close());

describe("loadDetectionInput", () => {
  it("streams the applications that share something, with keys only for identifiers that can link", async () => {
    const { input } = await loadDetectionInput(db);
    // The stranger shares nothing with anyone: counted, not loaded.
    expect(input.totalApplications).toBe(8);
    expect(input.apps.count).toBe(7);
    expect([...input.apps.ids].sort()).toEqual(["F-1", "F-2", "F-3", "F-4", "R-1", "R-2", "R-3"]);
    const refs = input.identifiers.key.map(
      (k, i) =>
        `${["email", "phone", "ip", "device", "profile", "address", "payment"][input.identifiers.kind[i]!]}:${k}`,
    );
    // Shared: the farm's address, payroll account and IP; the repeat applicant's email, phone, device.
    expect(refs).toEqual(
      expect.arrayContaining([
        "address:1200 oak st apt 3 phoenix az 85001",
        "payment:PAY-FARM-1",
        "ip:203.0.113.50",
        "email:mariagonzalez@gmail.com",
        "device:maria-macbook",
      ]),
    );
    // Private identifiers are counted, not kept: no stranger's email or device, no farm device.
    expect(refs.filter((r) => r.startsWith("device:"))).toEqual(["device:maria-macbook"]);
    expect(refs.some((r) => r.includes("sam"))).toBe(false);
    // An IP nothing else uses is looked up (VPN/hosting), counted, and not kept.
    expect(refs.filter((r) => r.startsWith("ip:"))).toEqual(["ip:203.0.113.50"]);
    const f1 = input.apps.ids.indexOf("F-1");
    expect(Array.from(input.apps.kindTotals.subarray(f1 * 7, f1 * 7 + 7))).toEqual([1, 1, 2, 1, 0, 1, 1]);
    expect(input.apps.shippingAddress[f1]).toBe("1200 Oak Street, Apt 3, Phoenix AZ 85001");
    expect(input.apps.hostingIps.get(f1)).toEqual([{ ip: "45.76.0.10", asn: 20473 }]);
    expect(input.apps.educationClaims.get(f1)).toEqual({
      university: "Caltech",
      major: "Nursing",
      graduation: "2021-03",
    });
    // The repeat applicant's education is consistent: no claim kept.
    expect(input.apps.educationClaims.has(input.apps.ids.indexOf("R-1"))).toBe(false);
    expect(input.apps.submittedAt[f1]).toBe(Date.parse(at(0)));
  });

  it("finds the farm as one cluster with its reasons, and no cluster for the repeat applicant", async () => {
    const { input } = await loadDetectionInput(db);
    const out = detectClusters(input, { seed: 3 });
    expect(out.clusters.map((c) => c.application_ids)).toEqual([["F-1", "F-2", "F-3", "F-4"]]);
    const [c] = out.clusters;
    expect(c!.patterns).toEqual(["laptop_farm", "shared_infrastructure"]);
    const codes = c!.reasons.map((r) => r.code);
    expect(codes).toEqual(
      expect.arrayContaining([
        "farm_shared_address",
        "farm_shared_payroll",
        "farm_submission_burst",
        "hosting_ip",
        "malformed_phone",
        "major_not_offered",
        "graduation_off_calendar",
      ]),
    );
    const address = c!.reasons.find((r) => r.code === "farm_shared_address")!;
    expect(address.identifiers).toEqual(["address:1200 oak st apt 3 phoenix az 85001"]);
    expect(address.text).toMatch(/typed 4 different ways/);
    expect(c!.reasons.find((r) => r.code === "hosting_ip")!.text).toMatch(/AS20473/);
    expect(c!.risk_level).toBe("high");
    expect(out.stats).toMatchObject({ applications: 8, identities: 5 });
    expect(out.asnDatabase.package).toBe("@ip-location-db/asn");
  });

  it("detectFromDatabase gives the same clusters as load + detect", async () => {
    const { input } = await loadDetectionInput(db);
    const phases: string[] = [];
    const a = await detectFromDatabase(db, { seed: 3, onProgress: (p) => phases.push(p) });
    const b = detectClusters(input, { seed: 3 });
    expect(a.clusters).toEqual(b.clusters);
    expect(phases).toEqual(expect.arrayContaining(["load", "identities", "louvain", "score"]));
    expect(Object.keys(a.stats.timings)[0]).toBe("load");
  });
});
