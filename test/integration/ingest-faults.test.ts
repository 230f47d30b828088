/**
 * Ingest under bad values and faults, against the real Neo4j: field limits and impossible dates are
 * rejects with reasons; a batch Neo4j refuses is split down to the record at fault and every other
 * record stored; transient failures are retried and fatal ones stop the ingest; invalid UTF-8 and
 * over-long lines in NDJSON are rejects. Over HTTP as well as through the pipeline.
 */
import { Readable } from "node:stream";

import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

import { ApplicationRepository } from "../../server/applications/applications.repository.js";
import { IngestRepository } from "../../server/ingest/ingest.repository.js";
import { ingestRecords } from "../../server/ingest/pipeline.js";
import { readRecords } from "../../server/ingest/readers.js";
import { normaliseRecord, type NormalisedApplication } from "../../server/ingest/record.js";
import { MemoryRejectSink } from "../../server/ingest/rejects.js";
import { backoffMs, IngestStoppedError, writeSafely, type PendingRecord } from "../../server/ingest/safe-write.js";
import { createTestContext, emptyDatabase, type TestContext } from "../helpers/context.js";

let ctx: TestContext;
let repo: ApplicationRepository;
let writer: IngestRepository;

beforeAll(async () => {
  ctx = await createTestContext();
  repo = new ApplicationRepository(ctx.db);
  writer = new IngestRepository(ctx.db);
});
afterAll(async () => ctx.close());
beforeEach(async () => emptyDatabase(ctx.db));

const good = (i: number) => ({
  application_id: `G-${i}`,
  submitted_at: "2026-02-03T10:00:00Z",
  full_name: `Good Applicant ${i}`,
  email: `good${i}@example.com`,
  device_id: `dev-good-${i}`,
});

function pending(record: Record<string, unknown>, line: number): PendingRecord {
  const r = normaliseRecord(record);
  if (!r.ok) throw new Error(r.reason);
  return { app: r.application, line, text: JSON.stringify(record) };
}

/** A record whose device key is past Neo4j's index key limit (validation would stop it; written directly here). */
function oversizedDevice(id: string, line: number): PendingRecord {
  const p = pending({ ...good(line), application_id: id }, line);
  const app: NormalisedApplication = {
    ...p.app,
    identifiers: p.app.identifiers.map((i) => (i.kind === "device" ? { ...i, key: "d".repeat(9000) } : i)),
  };
  return { ...p, app };
}

const ids = async () => (await ctx.db.read<{ id: string }>("read/all-links")).map((r) => r.id).sort();
const write = (apps: NormalisedApplication[]) => writer.writeBatch(apps);

describe("field limits and dates", () => {
  it("rejects over-long values, too many list values and impossible dates with reasons and lines; stores the rest", async () => {
    const lines = [
      good(1),
      { ...good(2), full_name: "x".repeat(20_000) },
      good(3),
      { ...good(4), device_id: "d".repeat(9_000) },
      { ...good(5), submitted_at: "2026-02-30T09:00:00Z" },
      { ...good(6), graduation_date: "2023-02-29" },
      { ...good(7), email: Array.from({ length: 101 }, (_, k) => `e${k}@example.com`) },
      { ...good(8), application_id: "A".repeat(129) },
      { ...good(9), shipping_address: "1 Main St ".repeat(101) },
      good(10),
      { ...good(11), graduation_date: "2024-02-29", full_name: "y".repeat(1000) },
    ];
    const rejects = new MemoryRejectSink();
    const text = lines.map((l) => JSON.stringify(l)).join("\n");
    const summary = await ingestRecords(writer, readRecords(Readable.from([text]), "ndjson"), {
      batchSize: 4,
      rejects,
    });
    expect(summary).toMatchObject({ read: 11, accepted: 4, rejected: 7 });
    expect(rejects.rejects.map((r) => [r.line, r.reason])).toEqual([
      [2, "full_name is longer than 1,000 characters (20,000)"],
      [4, "device_id is longer than 512 characters (9,000)"],
      [5, "submitted_at is not a real date: 2026-02 has 28 days"],
      [6, "graduation_date is not a real date: 2023-02 has 28 days"],
      [7, "email has more than 100 values (101)"],
      [8, "application_id is longer than 128 characters (129)"],
      [9, "shipping_address is longer than 1,000 characters (1,010)"],
    ]);
    expect(await ids()).toEqual(["G-1", "G-10", "G-11", "G-3"]);
  });

  it("rejects lone surrogates, which could not be stored as typed", async () => {
    const rejects = new MemoryRejectSink();
    const text = `${JSON.stringify(good(1))}\n{"application_id":"G-2","submitted_at":"2026-01-01T00:00:00Z","device_id":"\\ud800x"}\n`;
    const summary = await ingestRecords(writer, readRecords(Readable.from([text]), "ndjson"), {
      batchSize: 10,
      rejects,
    });
    expect(summary).toMatchObject({ read: 2, accepted: 1, rejected: 1 });
    expect(rejects.rejects[0]!.reason).toMatch(/^device_id is not valid Unicode/);
  });
});

describe("NDJSON bytes", () => {
  it("rejects a line with invalid UTF-8 and goes on; a CRLF file and a BOM read as before", async () => {
    const bytes = Buffer.concat([
      Buffer.from("\uFEFF" + JSON.stringify(good(1)) + "\r\n"),
      Buffer.from(JSON.stringify(good(2)).replace("Good", "Go")),
      Buffer.from([0xc3, 0x28, 0xff]),
      Buffer.from("\r\n\r\n" + JSON.stringify(good(3)) + "\r\n"),
    ]);
    const rejects = new MemoryRejectSink();
    // Fed one byte at a time: lines and multi-byte characters cross chunk boundaries.
    const chunks = [...bytes].map((b) => Buffer.from([b]));
    const summary = await ingestRecords(writer, readRecords(Readable.from(chunks), "ndjson"), {
      batchSize: 10,
      rejects,
    });
    expect(summary).toMatchObject({ read: 3, accepted: 2, rejected: 1 });
    expect(rejects.rejects[0]).toMatchObject({ line: 2, reason: "line is not valid UTF-8" });
    expect(rejects.rejects[0]!.text).toContain("\uFFFD");
    expect(await ids()).toEqual(["G-1", "G-3"]);
  });
});

describe("a batch Neo4j refuses", () => {
  it("is split until the record at fault is rejected with Neo4j's reason; every other record is stored", async () => {
    const records = Array.from({ length: 40 }, (_, i) => pending(good(i + 1), i + 1));
    records[16] = oversizedDevice("BAD-17", 17);
    records[33] = oversizedDevice("BAD-34", 34);
    let writes = 0;
    const refused = await writeSafely(async (apps) => {
      writes++;
      await write(apps);
    }, records);
    expect(refused.map((r) => r.record.line)).toEqual([17, 34]);
    for (const r of refused) expect(r.reason).toMatch(/^Neo4j refused the record: .*too large to index/);
    const stored = await ids();
    expect(stored).toHaveLength(38);
    expect(stored).not.toContain("BAD-17");
    // A bisection, not one write per record: about 2 log2(40) writes per bad record.
    expect(writes).toBeLessThan(30);
  });

  it("when the last version of an id is refused, the version before it in the batch is stored", async () => {
    const first = pending({ ...good(1), full_name: "First Version" }, 1);
    const second = { ...oversizedDevice("G-1", 2), earlier: first };
    const refused = await writeSafely(write, [second, pending(good(2), 3)]);
    expect(refused.map((r) => r.record.line)).toEqual([2]);
    expect((await repo.byId("G-1"))!.props.full_name).toBe("First Version");
  });

  it("through the pipeline, a refused record is a reject with its line and the rest of the file is stored", async () => {
    // Two batches of three; G-2's device key is made too long after validation, as a normaliser
    // that expanded a value would do.
    const lines = [1, 2, 3, 4, 5, 6].map((i) => good(i));
    const rejects = new MemoryRejectSink();
    const summary = await ingestRecords(
      {
        writeBatch: (apps: NormalisedApplication[]) =>
          writer.writeBatch(
            apps.map((a) =>
              a.id === "G-2"
                ? {
                    ...a,
                    identifiers: a.identifiers.map((i) => (i.kind === "device" ? { ...i, key: "d".repeat(9000) } : i)),
                  }
                : a,
            ),
          ),
      } as unknown as IngestRepository,
      readRecords(Readable.from([lines.map((l) => JSON.stringify(l)).join("\n")]), "ndjson"),
      { batchSize: 3, rejects },
    );
    expect(summary).toMatchObject({ read: 6, accepted: 5, rejected: 1 });
    expect(rejects.rejects).toEqual([
      { line: 2, reason: expect.stringMatching(/too large to index/), text: JSON.stringify(good(2)) },
    ]);
    expect(await ids()).toEqual(["G-1", "G-3", "G-4", "G-5", "G-6"]);
  });
});

describe("failures that are not the records' fault", () => {
  const socketError = () => Object.assign(new Error("read ECONNRESET"), { code: "ECONNRESET" });

  it("retries a transient failure with growing pauses, then stores the batch", async () => {
    let calls = 0;
    const pauses: number[] = [];
    const refused = await writeSafely(
      async (apps) => {
        if (++calls <= 3) throw socketError();
        await write(apps);
      },
      [pending(good(1), 1), pending(good(2), 2)],
      { sleep: async (ms) => void pauses.push(ms) },
    );
    expect(refused).toEqual([]);
    expect(pauses).toEqual([backoffMs(1), backoffMs(2), backoffMs(3)]);
    expect(pauses[2]).toBeGreaterThan(pauses[0]!);
    expect(await ids()).toEqual(["G-1", "G-2"]);
  });

  it("stops the ingest when the database stays away, without rejecting records", async () => {
    const rejects = new MemoryRejectSink();
    const failing = { writeBatch: async () => Promise.reject(socketError()) } as unknown as IngestRepository;
    const text = [1, 2, 3].map((i) => JSON.stringify(good(i))).join("\n");
    await expect(
      ingestRecords(failing, readRecords(Readable.from([text]), "ndjson"), {
        batchSize: 2,
        rejects,
        retry: { retrySeconds: 1 },
      }),
    ).rejects.toThrow(IngestStoppedError);
    expect(rejects.rejects).toEqual([]);
  });

  it("stops at once on a failure that is the database's own (not retried, not a reject)", async () => {
    let calls = 0;
    const unauthorised = Object.assign(new Error("The client is unauthorized"), {
      code: "Neo.ClientError.Security.Unauthorized",
    });
    const attempt = writeSafely(async () => {
      calls++;
      throw unauthorised;
    }, [pending(good(1), 1), pending(good(2), 2)]);
    await expect(attempt).rejects.toThrow(/not about the records/);
    expect(calls).toBe(1);
  });
});

describe("POST /api/ingest", () => {
  it("5 good records and a 20,000-character full_name: 200, 5 stored, 1 reject with its reason", async () => {
    const body = [good(1), good(2), { ...good(3), full_name: "z".repeat(20_000) }, good(4), good(5), good(6)];
    const res = await ctx.api("/api/ingest", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ read: 6, accepted: 5, rejected: 1 });
    expect(res.body.rejects).toEqual([
      { line: 3, reason: "full_name is longer than 1,000 characters (20,000)", text: expect.any(String) },
    ]);
    expect(await ids()).toEqual(["G-1", "G-2", "G-4", "G-5", "G-6"]);
  });

  it("a value over Neo4j's 8 KB index key limit in any field is a clean reject", async () => {
    const big = "q".repeat(9000);
    const fields = [
      "email",
      "phone",
      "ip",
      "device_id",
      "profile_url",
      "payment_account",
      "shipping_address",
      "job_id",
    ];
    const body = [good(1), ...fields.map((f, i) => ({ ...good(i + 2), [f]: big }))];
    const res = await ctx.api("/api/ingest", {
      method: "POST",
      headers: { "content-type": "application/x-ndjson" },
      body: body.map((b) => JSON.stringify(b)).join("\n"),
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ read: 1 + fields.length, accepted: 1, rejected: fields.length });
    expect(res.body.rejects.map((r: { reason: string }) => r.reason.split(" is longer")[0])).toEqual(fields);
    expect(await ids()).toEqual(["G-1"]);
  });
});
