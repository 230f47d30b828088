/**
 * Ingest against the real Neo4j: rejects with line numbers, idempotency, replacement of links on
 * re-ingest, and CSV and NDJSON of the same records giving the same graph.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

import { loadConfig } from "../../server/config.js";
import { ApplicationRepository } from "../../server/applications/applications.repository.js";
import { IngestRepository } from "../../server/ingest/ingest.repository.js";
import { withDetails } from "../../server/db/application-details.js";
import { connectDatabase, type Database } from "../../server/db/database.js";
import { ingestRecords } from "../../server/ingest/pipeline.js";
import { readFileRecords, readRecords } from "../../server/ingest/readers.js";
import { FileRejectSink, MemoryRejectSink } from "../../server/ingest/rejects.js";
import { emptyDatabase } from "../helpers/context.js";
import { Readable } from "node:stream";

const FIX = path.resolve(import.meta.dirname, "../fixtures/ingest");
let db: Database;
let repo: ApplicationRepository;
let writer: IngestRepository;

interface LinkRow {
  id: string;
  full_name: string | null;
  details: string | null;
  identifiers: string[];
}
/** Every application with its indicators (unpacked from `details`, [] when it has none) and identifier refs. */
const snapshot = async () =>
  (await db.read<LinkRow>("read/all-links")).map(({ details, ...r }) => ({
    ...r,
    indicators: withDetails({ details }, ["indicators"]).indicators as string[],
  }));

async function ingestFile(file: string, batchSize = 2) {
  const rejects = new MemoryRejectSink();
  const summary = await ingestRecords(writer, readFileRecords(file), { batchSize, rejects });
  return { summary, rejects: rejects.rejects };
}

beforeAll(async () => {
  db = await connectDatabase(loadConfig(), { startIfNeeded: false });
  repo = new ApplicationRepository(db);
  writer = new IngestRepository(db);
});
afterAll(async () => db.close());
beforeEach(async () => emptyDatabase(db));

describe("ingest of good records", () => {
  it("stores applications, identifiers in normal form and indicators", async () => {
    const { summary } = await ingestFile(path.join(FIX, "good.ndjson"));
    expect(summary).toMatchObject({
      read: 4,
      accepted: 4,
      rejected: 0,
      unknownFields: { favourite_colour: 2, notes: 1 },
    });
    const rows = await snapshot();
    expect(rows.map((r) => r.id)).toEqual(["A-1", "A-2", "A-3", "A-4"]);
    const a1 = rows[0]!;
    expect(a1.identifiers).toEqual([
      "Address:123 main st apt 4 springfield il 62701",
      "Device:dev-aaa",
      "Email:janedoe@gmail.com",
      "IP:203.0.113.7",
      "PaymentAccount:PAY-1",
      "Phone:+14155552671",
      "Profile:linkedin.com/in/jane-doe",
    ]);
    // A-2 types the same phone and address differently, and a private IP that links nothing.
    expect(rows[1]!.identifiers).toContain("Phone:+14155552671");
    expect(rows[1]!.identifiers).toContain("Address:123 main st apt 4 springfield il 62701");
    expect(rows[1]!.identifiers.filter((i) => i.startsWith("IP:"))).toEqual(["IP:198.51.100.20"]);
    // malformed phone kept by its digits; only a private IP.
    expect(rows[2]!.identifiers).toContain("Phone:55512");
    expect(rows[2]!.indicators).toEqual(["malformed_phone", "non_routable_ip_only"]);
    // malformed email kept as typed; malformed IP flagged and not linked.
    expect(rows[3]!.identifiers).toContain("Email:liwei@@broken");
    expect(rows[3]!.indicators).toEqual(["malformed_email", "malformed_ip"]);
    const counts = await repo.counts();
    expect(counts.applications).toBe(4);
    expect(counts.identifiers.phone).toBe(3);
    expect(counts.identifiers.device).toBe(2);
  });

  it("keeps the raw values as typed on the application", async () => {
    await ingestFile(path.join(FIX, "good.ndjson"));
    const app = await repo.byId("A-2");
    const raw = JSON.parse(String(app!.props.raw_json));
    expect(raw.phone).toBe("+1 415 555 2671");
    expect(raw.ip).toEqual(["198.51.100.20", "10.0.0.5"]);
    expect(app!.props.nonroutable_ips).toEqual(["10.0.0.5"]);
    expect(app!.props.submitted_at).toBe("2026-03-01T09:30:00.000Z");
  });

  it("is idempotent: the same file twice gives the same graph", async () => {
    await ingestFile(path.join(FIX, "good.ndjson"));
    const first = { rows: await snapshot(), counts: await repo.counts() };
    await ingestFile(path.join(FIX, "good.ndjson"), 3);
    expect(await snapshot()).toEqual(first.rows);
    expect(await repo.counts()).toEqual(first.counts);
  });

  it("CSV and NDJSON of the same records give the same graph", async () => {
    await ingestFile(path.join(FIX, "good.ndjson"));
    const fromNdjson = { rows: await snapshot(), counts: await repo.counts() };
    await emptyDatabase(db);
    const { summary } = await ingestFile(path.join(FIX, "good.csv"));
    expect(summary).toMatchObject({ read: 4, accepted: 4, rejected: 0 });
    expect(await snapshot()).toEqual(fromNdjson.rows);
    expect(await repo.counts()).toEqual(fromNdjson.counts);
  });

  it("re-ingesting an application replaces its links and drops identifiers nobody uses", async () => {
    await ingestFile(path.join(FIX, "good.ndjson"));
    const replacement = [
      {
        application_id: "A-1",
        submitted_at: "2026-03-05T10:00:00Z",
        full_name: "Jane Doe",
        email: "jane.new@example.com",
        device_id: "DEV-AAA",
      },
    ];
    const summary = await ingestRecords(writer, readRecords(Readable.from([JSON.stringify(replacement)]), "json"), {
      batchSize: 10,
      rejects: new MemoryRejectSink(),
    });
    expect(summary.accepted).toBe(1);
    const rows = await snapshot();
    expect(rows.find((r) => r.id === "A-1")!.identifiers).toEqual(["Device:dev-aaa", "Email:jane.new@example.com"]);
    const counts = await repo.counts();
    expect(counts.applications).toBe(4);
    // janedoe@gmail.com and the LinkedIn profile were A-1's alone: gone. PAY-1 is still A-3's: kept.
    expect(await repo.identifierUsage([{ kind: "email", key: "janedoe@gmail.com" }], 5)).toEqual([]);
    expect(await repo.identifierUsage([{ kind: "profile", key: "linkedin.com/in/jane-doe" }], 5)).toEqual([]);
    const pay = await repo.identifierUsage([{ kind: "payment", key: "PAY-1" }], 5);
    expect(pay[0]!.applications.map((a) => a.id)).toEqual(["A-3"]);
    // The phone A-1 used is still used by A-2.
    expect((await repo.identifierUsage([{ kind: "phone", key: "+14155552671" }], 5))[0]!.total).toBe(1);
    // Fields the new record leaves out are gone from the application, not kept from the first one.
    const a1 = (await repo.byId("A-1"))!.props;
    for (const gone of ["claimed_country", "shipping_address", "job_id", "source"]) expect(a1).not.toHaveProperty(gone);
    expect(a1).toMatchObject({ id: "A-1", full_name: "Jane Doe" });
    expect(JSON.parse(a1.raw_json as string)).toEqual(replacement[0]);
  });

  it("two concurrent writers of the same new ids leave one set of links each, never both", async () => {
    const ids = Array.from({ length: 20 }, (_, i) => `C-${i}`);
    const version = (tag: string) =>
      ids.map((id) => ({
        application_id: id,
        submitted_at: "2026-02-01T00:00:00Z",
        email: `${id.toLowerCase()}.${tag}@example.com`,
        device_id: `dev-${id}-${tag}`,
      }));
    const ingest = (tag: string) =>
      ingestRecords(writer, readRecords(Readable.from([JSON.stringify(version(tag))]), "json"), {
        batchSize: 50,
        rejects: new MemoryRejectSink(),
      });
    await Promise.all([ingest("x"), ingest("y")]);
    for (const row of await snapshot()) {
      const id = row.id.toLowerCase();
      const x = [`Device:dev-${id}-x`, `Email:${id}.x@example.com`];
      const y = [`Device:dev-${id}-y`, `Email:${id}.y@example.com`];
      expect([x, y]).toContainEqual(row.identifiers);
    }
    // The losing writer's identifiers were unlinked by the winner and, used by nobody, deleted.
    const counts = await repo.counts();
    expect(counts).toMatchObject({ applications: 20, links: 40 });
    expect(counts.identifiers.email + counts.identifiers.device).toBe(40);
  });

  it("the last record wins when one id appears twice in a file", async () => {
    const lines = [
      { application_id: "D-1", submitted_at: "2026-01-01T00:00:00Z", email: "first@example.com" },
      { application_id: "D-1", submitted_at: "2026-01-02T00:00:00Z", email: "second@example.com" },
    ];
    await ingestRecords(
      writer,
      readRecords(Readable.from([lines.map((l) => JSON.stringify(l)).join("\n")]), "ndjson"),
      {
        batchSize: 10,
        rejects: new MemoryRejectSink(),
      },
    );
    expect((await snapshot()).map((r) => r.identifiers)).toEqual([["Email:second@example.com"]]);
  });
});

describe("rejects", () => {
  it("rejects every kind of bad NDJSON line with its line number and reason, and goes on", async () => {
    const { summary, rejects } = await ingestFile(path.join(FIX, "bad.ndjson"));
    expect(summary).toMatchObject({ read: 11, accepted: 2, rejected: 9 });
    expect(rejects.map((r) => [r.line, r.reason])).toEqual([
      [2, "application_id is required"],
      [3, "submitted_at is required"],
      [4, "submitted_at is not an ISO-8601 date-time"],
      [5, "application_id must be a string"],
      [6, expect.stringMatching(/^line is not JSON/)],
      [8, "graduation_date must be YYYY, YYYY-MM or YYYY-MM-DD"],
      [9, "claimed_country must be an ISO 3166-1 alpha-2 code"],
      [10, "record is not a JSON object"],
      [11, "application_id is required"],
    ]);
    expect(rejects[4]!.text).toBe("this line is not JSON");
    const rows = await snapshot();
    expect(rows.map((r) => r.id)).toEqual(["B-1", "B-12"]);
    expect(rows[1]!.indicators).toEqual(["malformed_ip", "malformed_phone"]);
  });

  it("rejects CSV rows with the wrong number of columns or bad values, with their line numbers", async () => {
    const { summary, rejects } = await ingestFile(path.join(FIX, "bad.csv"));
    expect(summary).toMatchObject({ read: 7, accepted: 3, rejected: 4 });
    expect(rejects.map((r) => r.line)).toEqual([3, 4, 5, 8]);
    expect(rejects[0]!.reason).toMatch(/CSV row is malformed/);
    expect(rejects[1]!.reason).toBe("submitted_at is not an ISO-8601 date-time");
    expect(rejects[2]!.reason).toBe("application_id is required");
    expect(rejects[3]!.reason).toMatch(/CSV row is malformed/);
    expect((await snapshot()).map((r) => r.id)).toEqual(["C-1", "C-5", "C-7"]);
    expect((await repo.byId("C-5"))!.props.full_name).toBe("Multi\nLine Name");
  });

  it("writes rejects to an NDJSON file with the original text", async () => {
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "rs-")), "rejects.ndjson");
    const sink = new FileRejectSink(out);
    await ingestRecords(writer, readFileRecords(path.join(FIX, "bad.ndjson")), {
      batchSize: 5,
      rejects: sink,
      sourceName: "bad.ndjson",
    });
    await sink.close();
    const lines = fs
      .readFileSync(out, "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(lines).toHaveLength(9);
    expect(lines[0]).toEqual({
      file: "bad.ndjson",
      line: 2,
      reason: "application_id is required",
      text: '{"submitted_at":"2026-03-01T10:00:00Z","email":"missing-id@example.com"}',
    });
  });

  it("a truncated JSON array keeps what came before and reports the break", async () => {
    const text =
      '[{"application_id":"J-1","submitted_at":"2026-01-01T00:00:00Z"},{"application_id":"J-2","submitted_at":"2026-01-01T00:00:00Z"},{"applic';
    const rejects = new MemoryRejectSink();
    const summary = await ingestRecords(writer, readRecords(Readable.from([text]), "json"), { batchSize: 10, rejects });
    expect(summary.accepted).toBe(2);
    expect(summary.rejected).toBe(1);
    expect(rejects.rejects[0]!.reason).toMatch(/JSON document is malformed after element 2/);
  });
});
