/**
 * The audit trail's group commit and keyed chain against the real Neo4j: concurrent reads committed in
 * batches as one gap-free chain, writes committed before they are answered, two sequencers (two server
 * processes) sharing one chain, a consistent rewrite without the key caught by `npm run audit:verify`,
 * the reads issue 11 lists (cluster list and search, run detail, case list, failed requests and failed
 * authentication) recorded, and an ingest by an admin-issued token naming the applications it wrote and
 * the cases whose members it touched.
 */
import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { systemActor } from "../../server/audit/actor.js";
import { buildAudit } from "../../server/audit/build.js";
import { CHAIN_KEY_FILE } from "../../server/audit/chain-key.js";
import { canonicalJson } from "../../server/audit/canonical-json.js";
import { fromProps, toProps } from "../../server/audit/chain.js";
import type { AuditEntry } from "../../server/common/api/audit.js";
import { PROJECT_ROOT } from "../../server/config.js";
import { connectDatabase } from "../../server/db/database.js";
import { createLogger } from "../../server/logger.js";
import { caseworkData } from "../helpers/casework.js";
import { createTestContext, type TestContext } from "../helpers/context.js";

const run = promisify(execFile);
let ctx: TestContext;
let clusterId: string;
let runId: string;

beforeAll(async () => {
  ctx = await createTestContext();
  const data = caseworkData({ ring: 4, honest: 6 });
  await ctx.api("/api/ingest", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(data.records),
  });
  await ctx.container.services.runs.runNow("test");
  const list = (await ctx.api("/api/clusters")).body;
  clusterId = list.clusters[0].id;
  runId = list.run_id ?? list.run?.id ?? (await ctx.api("/api/runs")).body.runs[0].id;
});
afterAll(async () => ctx.close());

async function cypher(text: string, params: Record<string, unknown> = {}) {
  return ctx.db.driver.executeQuery(text, params, { database: ctx.db.name });
}

const audit = () => ctx.container.services.audit;
const send = (method: string, body: unknown) => ({
  method,
  headers: { "content-type": "application/json" },
  body: JSON.stringify(body),
});

async function entries(query: string): Promise<any[]> {
  const res = await ctx.as("auditor")(`/api/audit?limit=500&${query}`);
  expect(res.status).toBe(200);
  return res.body.entries;
}

describe("group commit", () => {
  it("commits concurrent reads in batches as one gap-free chain", async () => {
    const before = (await ctx.as("auditor")("/api/audit/verify")).body;
    const batchesBefore = audit().sequencer.stats.batches;
    const inv = ctx.as("investigator");
    await inv("/api/auth/me"); // one session, signed in before the burst
    const answers = await Promise.all(Array.from({ length: 60 }, () => inv(`/api/clusters/${clusterId}`)));
    expect(answers.every((a) => a.status === 200)).toBe(true);
    const after = (await ctx.as("auditor")("/api/audit/verify")).body;
    expect(after).toMatchObject({ ok: true, firstBreak: null, key: expect.stringMatching(/^SHA256:/) });
    // Every view is in the chain (the verify call reads none of its own), in fewer transactions than views.
    expect(after.head.seq - before.head.seq).toBeGreaterThanOrEqual(60);
    const batches = audit().sequencer.stats.batches - batchesBefore;
    expect(batches).toBeLessThan(60);
    expect(audit().sequencer.stats.largestBatch).toBeGreaterThan(1);
    const r = (
      await cypher("MATCH (e:AuditEntry) RETURN count(e) AS n, max(e.seq) AS top, count(DISTINCT e.seq) AS seqs")
    ).records[0]!;
    expect(Number(r.get("n"))).toBe(Number(r.get("top")));
    expect(Number(r.get("seqs"))).toBe(Number(r.get("n")));
  });

  it("answers a write only once its entry is committed", async () => {
    const res = await ctx.as("investigator")("/api/cases", send("POST", { cluster_id: clusterId }));
    expect(res.status).toBe(201);
    const requestId = res.headers.get("x-request-id");
    // Read straight from Neo4j, without flushing the queue: the entry is already there.
    const found = await cypher("MATCH (e:AuditEntry {request_id: $id}) RETURN e.action AS action", { id: requestId });
    expect(found.records.map((x) => x.get("action"))).toContain("case_open");
  });

  it("keeps one chain when two processes' sequencers append at once", async () => {
    const other = await connectDatabase(ctx.config, { startIfNeeded: false });
    try {
      const second = buildAudit(ctx.config, other, createLogger("silent")).service;
      const before = (await audit().verify()).head.seq ?? 0;
      await Promise.all([
        ...Array.from({ length: 150 }, (_, i) =>
          audit().recordRead(systemActor("p1"), { action: "search", details: { i } }),
        ),
        ...Array.from({ length: 150 }, (_, i) =>
          second.recordRead(systemActor("p2"), { action: "search", details: { i } }),
        ),
      ]);
      await Promise.all([audit().flush(), second.flush()]);
      const v = await second.verify();
      expect(v).toMatchObject({ ok: true, firstBreak: null });
      // Entries of earlier requests still queued may land in between; all 300 are there.
      expect(v.head.seq! - before).toBeGreaterThanOrEqual(300);
      const mine = await cypher("MATCH (e:AuditEntry) WHERE e.actor_name IN ['p1', 'p2'] RETURN count(e) AS n");
      expect(Number(mine.records[0]!.get("n"))).toBe(300);
      // Both processes wrote batches that interleave in the one chain.
      expect(second.sequencer.stats.batches).toBeGreaterThan(0);
      expect(second.sequencer.stats.batches).toBeLessThan(150);
      await second.stop();
    } finally {
      await other.close();
    }
  });

  it("refuses new entries (503) rather than grow past its bound while the database refuses batches", async () => {
    const broken = buildAudit(
      { stateDir: ctx.config.stateDir, audit: { maxQueue: 3, maxBatch: 10 } },
      await connectDatabase(ctx.config, { startIfNeeded: false }),
      createLogger("silent"),
    );
    const db = (broken.repo as unknown as { db: { close(): Promise<void> } }).db;
    await db.close(); // every batch now fails
    const write = broken.service.record(systemActor("t"), { action: "search" });
    await expect(write).rejects.toThrow();
    // The failed entry stays queued for a retry, so the queue fills up and then refuses.
    await broken.service.recordRead(systemActor("t"), { action: "search" });
    await broken.service.recordRead(systemActor("t"), { action: "search" });
    await expect(broken.service.recordRead(systemActor("t"), { action: "search" })).rejects.toMatchObject({
      status: 503,
    });
    expect(broken.service.sequencer.queued).toBe(3);
  }, 30_000);
});

describe("keyed chain", () => {
  it("keeps its key beside the signing key, readable by the owner only", () => {
    const st = fs.statSync(path.join(ctx.config.stateDir, CHAIN_KEY_FILE));
    expect(st.mode & 0o077).toBe(0);
  });

  it("catches a consistent rewrite made without the key, on the command line", async () => {
    await audit().flush();
    const env = { ...process.env, LOG_LEVEL: "silent" };
    const ok = await run("npx", ["tsx", "server/cli/audit-verify.ts"], { cwd: PROJECT_ROOT, env });
    expect(ok.stdout).toMatch(/^OK: \d+ audit entries, chain intact .* keyed with SHA256:/);
    // A database writer changes an entry near the end and re-links everything after it with plain SHA-256,
    // head included: every link is consistent, only the key can tell.
    const top = Number((await cypher("MATCH (h:AuditHead) RETURN h.seq AS s")).records[0]!.get("s"));
    const target = top - 3;
    const rows = await cypher("MATCH (e:AuditEntry) WHERE e.seq >= $from RETURN properties(e) AS p ORDER BY e.seq", {
      from: target,
    });
    const tail: AuditEntry[] = rows.records.map((r) => fromProps(r.get("p")));
    let prev = tail[0]!.prev_hash;
    const crypto = await import("node:crypto");
    for (const e of tail) {
      const changed = { ...e, prev_hash: prev, ...(e.seq === target ? { ip: "198.51.100.99" } : {}) };
      const { hash: _h, ...rest } = changed;
      void _h;
      const hash = crypto.createHash("sha256").update(canonicalJson(rest), "utf8").digest("hex");
      await cypher("MATCH (e:AuditEntry {seq: $seq}) SET e = $props", {
        seq: e.seq,
        props: toProps({ ...rest, hash }),
      });
      prev = hash;
    }
    await cypher("MATCH (h:AuditHead) SET h.hash = $hash", { hash: prev });
    const cli = await run("npx", ["tsx", "server/cli/audit-verify.ts"], { cwd: PROJECT_ROOT, env }).catch(
      (e: { code: number; stdout: string }) => e,
    );
    expect((cli as { code: number }).code).toBe(1);
    expect((cli as { stdout: string }).stdout).toMatch(
      new RegExp(`BROKEN: first broken entry is #${target} .*without the chain key`),
    );
  }, 300_000);
});

describe("reads and failures recorded", () => {
  it("records cluster lists and searches, run detail, the case list, failed requests and failed auth", async () => {
    const t0 = new Date().toISOString();
    const inv = ctx.as("investigator");
    expect((await inv("/api/clusters?q=Ring")).status).toBe(200);
    expect((await inv("/api/clusters?level=high")).status).toBe(200);
    expect((await inv(`/api/runs/${runId}`)).status).toBe(200);
    expect((await inv("/api/cases?status=open")).status).toBe(200);
    expect((await inv("/api/clusters/C-NOPE0000")).status).toBe(404);
    const bad = await ctx.anonymous("/api/clusters", { headers: { authorization: "Bearer rst_not-a-token" } });
    expect(bad.status).toBe(401);
    const stale = await ctx.anonymous("/api/cases", { headers: { cookie: "rs_session=expired-or-made-up" } });
    expect(stale.status).toBe(401);

    const mine = await entries(`actor=test-investigator&from=${encodeURIComponent(t0)}`);
    const byAction = (a: string) => mine.filter((e) => e.action === a);
    expect(byAction("list_clusters").map((e) => e.details.q ?? null)).toEqual([null, "Ring"]);
    expect(byAction("list_clusters")[1].details).toMatchObject({ q: "Ring", total: expect.any(Number) });
    expect(byAction("view_run")[0]).toMatchObject({ target: { type: "run", id: runId } });
    expect(byAction("list_cases")[0]).toMatchObject({ details: { status: "open" } });
    expect(byAction("request_failed")[0]).toMatchObject({
      outcome: "failed",
      target: { type: "request", id: "GET /api/clusters/C-NOPE0000" },
      details: { status: 404, code: "not_found" },
    });
    const anon = (await entries(`action=auth_failed&from=${encodeURIComponent(t0)}`)).map((e) => e.target.id);
    expect(anon).toEqual(expect.arrayContaining(["GET /api/clusters", "GET /api/cases"]));
  }, 180_000);
});

describe("ingest by an admin-issued token", () => {
  it("names the applications written, the issuing admin and the cases whose members it touched", async () => {
    const opened = await ctx.as("investigator")("/api/cases", send("POST", { application_ids: ["R-001", "R-002"] }));
    expect(opened.status).toBe(201);
    const token = await ctx.as("admin")("/api/tokens", send("POST", { name: "ats-push", scopes: ["ingest"] }));
    expect(token.status).toBe(200);
    const record = caseworkData({ ring: 4, honest: 6 }).records.find((r) => r.application_id === "R-001");
    const res = await ctx.anonymous("/api/ingest", {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${token.body.secret}` },
      body: JSON.stringify([
        { ...record, full_name: "Someone Else" },
        { ...record, application_id: "NEW-77" },
      ]),
    });
    expect(res.status).toBe(200);
    expect(res.body).not.toHaveProperty("application_ids");
    const [entry] = await entries("action=ingest&actor=token:ats-push");
    expect(entry.details).toMatchObject({
      accepted: 2,
      application_ids: ["NEW-77", "R-001"],
      token_issued_by: "test-admin",
      // The case opened from the cluster earlier in this file holds R-001 too.
      case_members_touched: expect.arrayContaining([{ case_id: opened.body.id, application_ids: ["R-001"] }]),
    });
  }, 120_000);
});
