/**
 * Ingest fuzz test, against the real Neo4j: 100,000 seeded fast-check lines (random types, values up
 * to 1 MB, control characters, lone surrogates, invalid UTF-8, odd and impossible dates, repeated
 * ids, lines that are not JSON) through the pipeline the CLI uses, and a 4,000-line share through
 * `POST /api/ingest`. Checks: nothing throws, the server still answers, accepted + rejected = read,
 * every reject has a line and a reason, and the graph holds exactly the accepted records (for each
 * id, the last accepted version, as typed).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { ApplicationRepository } from "../../server/db/application.repository.js";
import { ingestRecords } from "../../server/ingest/pipeline.js";
import { readFileRecords } from "../../server/ingest/readers.js";
import { normaliseRecord } from "../../server/ingest/record.js";
import { FileRejectSink, type Reject } from "../../server/ingest/rejects.js";
import { fuzzLines } from "../helpers/fuzz-records.js";
import { createTestContext, emptyDatabase, type TestContext } from "../helpers/context.js";

const SEED = 20261201;
const PIPELINE_LINES = 100_000;
const HTTP_LINES = 4_000;
const HTTP_CHUNK = 200;

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => ctx.close());

/** What the graph must hold after ingesting `lines` with these rejects: the last accepted version per id. */
function expectedGraph(
  lines: Buffer[],
  rejectedLines: Set<number>,
  decode: (b: Buffer) => string,
): Map<string, string> {
  const expected = new Map<string, string>();
  lines.forEach((bytes, i) => {
    if (rejectedLines.has(i + 1)) return;
    const r = normaliseRecord(JSON.parse(decode(bytes)));
    if (!r.ok) throw new Error(`line ${i + 1} was not rejected but does not validate: ${r.reason}`);
    expected.set(r.application.id, String(r.application.props.raw_json));
  });
  return expected;
}

async function storedGraph(): Promise<Map<string, string>> {
  const stored = new Map<string, string>();
  for await (const row of ctx.db.stream<{ id: string; raw_json: string }>("read/application-raw-json"))
    stored.set(row.id, row.raw_json);
  return stored;
}

function checkRejects(rejects: Reject[], lineCount: number): Set<number> {
  for (const r of rejects) {
    expect(r.reason, `line ${r.line}`).toMatch(/\S/);
    expect(r.line).toBeGreaterThanOrEqual(1);
    expect(r.line).toBeLessThanOrEqual(lineCount);
  }
  const lines = new Set(rejects.map((r) => r.line));
  expect(lines.size, "one reject per line").toBe(rejects.length);
  return lines;
}

function compareGraphs(expected: Map<string, string>, stored: Map<string, string>) {
  expect(stored.size).toBe(expected.size);
  let mismatches = 0;
  for (const [id, raw] of expected) if (stored.get(id) !== raw) mismatches++;
  expect(mismatches, "applications missing or not the last accepted version").toBe(0);
}

const strict = new TextDecoder("utf-8", { fatal: true });
const lenient = new TextDecoder("utf-8");

describe("ingest fuzz", () => {
  it(
    `${PIPELINE_LINES.toLocaleString("en-US")} generated lines through the CLI's pipeline`,
    { timeout: 60 * 60_000 },
    async () => {
      await emptyDatabase(ctx.db);
      const t0 = performance.now();
      const lines = fuzzLines(PIPELINE_LINES, SEED);
      const generated = performance.now();
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), "rs-fuzz-"));
      const file = path.join(dir, "fuzz.ndjson");
      fs.writeFileSync(file, Buffer.concat(lines.flatMap((l) => [l, Buffer.from("\n")])));
      const sink = new FileRejectSink(path.join(dir, "rejects.ndjson"));
      const summary = await ingestRecords(new ApplicationRepository(ctx.db), readFileRecords(file), {
        batchSize: 2000,
        rejects: sink,
        sourceName: file,
      });
      await sink.close();
      const ingested = performance.now();
      const rejects = sink.used
        ? fs
            .readFileSync(sink.path, "utf8")
            .trim()
            .split("\n")
            .map((l) => JSON.parse(l) as Reject)
        : [];
      expect(summary.read).toBe(PIPELINE_LINES);
      expect(summary.accepted + summary.rejected).toBe(summary.read);
      expect(rejects).toHaveLength(summary.rejected);
      const rejectedLines = checkRejects(rejects, PIPELINE_LINES);
      const expected = expectedGraph(lines, rejectedLines, (b) => strict.decode(b));
      compareGraphs(expected, await storedGraph());
      expect((await ctx.anonymous("/api/health")).status).toBe(200);
      const byReason = new Map<string, number>();
      for (const r of rejects) {
        const key = r.reason
          .split(";")[0]!
          .replace(/\(.*?\)|\d[\d,]*/g, "#")
          .slice(0, 60);
        byReason.set(key, (byReason.get(key) ?? 0) + 1);
      }
      console.log(
        `fuzz (pipeline): ${summary.read} read, ${summary.accepted} accepted, ${summary.rejected} rejected, ` +
          `${expected.size} distinct applications stored; generation ${((generated - t0) / 1000).toFixed(1)} s, ` +
          `ingest ${((ingested - generated) / 1000).toFixed(1)} s; most common reasons: ` +
          JSON.stringify([...byReason].sort((a, b) => b[1] - a[1]).slice(0, 8)),
      );
    },
  );

  it(
    `${HTTP_LINES.toLocaleString("en-US")} generated lines through POST /api/ingest`,
    { timeout: 30 * 60_000 },
    async () => {
      await emptyDatabase(ctx.db);
      // Over HTTP the body is text: Express decodes it before the route, replacing invalid UTF-8 with
      // U+FFFD, so the expectation decodes the same way.
      const lines = fuzzLines(HTTP_LINES, SEED + 1);
      const rejectedLines = new Set<number>();
      let accepted = 0;
      for (let start = 0; start < lines.length; start += HTTP_CHUNK) {
        const chunk = lines.slice(start, start + HTTP_CHUNK);
        const res = await ctx.as("service")("/api/ingest", {
          method: "POST",
          headers: { "content-type": "application/x-ndjson" },
          body: Buffer.concat(chunk.flatMap((l) => [l, Buffer.from("\n")])),
        });
        expect(res.status, JSON.stringify(res.body).slice(0, 300)).toBe(200);
        expect(res.body.read).toBe(chunk.length);
        expect(res.body.accepted + res.body.rejected).toBe(res.body.read);
        expect(res.body.rejects).toHaveLength(res.body.rejected);
        for (const line of checkRejects(res.body.rejects, chunk.length)) rejectedLines.add(start + line);
        accepted += res.body.accepted;
      }
      const expected = expectedGraph(lines, rejectedLines, (b) => lenient.decode(b));
      compareGraphs(expected, await storedGraph());
      expect((await ctx.anonymous("/api/health")).status).toBe(200);
      console.log(
        `fuzz (HTTP): ${HTTP_LINES} read, ${accepted} accepted, ${rejectedLines.size} rejected, ${expected.size} distinct applications stored`,
      );
    },
  );
});
