/**
 * The audit trail against the real Neo4j: views, searches and denials recorded with who, when, what
 * and from where; auditors' filters; one chain under concurrent appends; and `GET /api/audit/verify` and
 * `npm run audit:verify` naming the first entry broken by tampering.
 */
import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { systemActor } from "../../server/audit/actor.js";
import { CYPHER_DIR } from "../../server/db/queries.js";
import { PROJECT_ROOT } from "../../server/config.js";
import { caseworkData } from "../helpers/casework.js";
import { createTestContext, type TestContext } from "../helpers/context.js";

const run = promisify(execFile);
let ctx: TestContext;
let clusterId: string;
const UA = "audit-test-agent/1.0";

beforeAll(async () => {
  ctx = await createTestContext();
  const data = caseworkData({ ring: 4, honest: 6 });
  await ctx.api("/api/ingest", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(data.records),
  });
  await ctx.container.services.runs.runNow("test");
  clusterId = (await ctx.api("/api/clusters")).body.clusters[0].id;
});
afterAll(async () => ctx.close());

async function cypher(text: string, params: Record<string, unknown> = {}) {
  return ctx.db.driver.executeQuery(text, params, { database: ctx.db.name });
}

describe("recording", () => {
  it("records views of applications, identifiers and clusters, and searches: who, when, what, from where", async () => {
    const inv = ctx.as("investigator");
    const headers = { "user-agent": UA };
    const t0 = new Date().toISOString();
    expect((await inv("/api/applications/R-001", { headers })).status).toBe(200);
    expect((await inv("/api/identifiers/device/FARM-DEVICE-7", { headers })).status).toBe(200);
    expect((await inv(`/api/clusters/${clusterId}`, { headers })).status).toBe(200);
    expect((await inv("/api/search?q=Ring%20Person", { headers })).status).toBe(200);
    const res = await ctx.as("auditor")(`/api/audit?actor=test-investigator&from=${encodeURIComponent(t0)}`);
    expect(res.status).toBe(200);
    const byAction = Object.fromEntries(res.body.entries.map((e: { action: string }) => [e.action, e]));
    expect(byAction.view_application).toMatchObject({ target: { type: "application", id: "R-001" } });
    expect(byAction.view_identifier).toMatchObject({ target: { type: "identifier", id: "device:FARM-DEVICE-7" } });
    expect(byAction.view_cluster).toMatchObject({ target: { type: "cluster", id: clusterId } });
    expect(byAction.search).toMatchObject({ target: null, details: { q: "Ring Person" } });
    for (const e of [byAction.view_application, byAction.view_identifier, byAction.view_cluster, byAction.search]) {
      expect(e).toMatchObject({
        actor: { username: "test-investigator", role: "investigator" },
        ip: "127.0.0.1",
        user_agent: UA,
        outcome: "ok",
      });
      expect(Date.parse(e.at)).toBeGreaterThanOrEqual(Date.parse(t0));
      expect(e.request_id).toMatch(/^[0-9a-f-]{36}$/);
    }
  });

  it("records a signed-in user reaching for something their role does not allow", async () => {
    expect((await ctx.as("investigator")("/api/audit")).status).toBe(403);
    const res = await ctx.as("auditor")("/api/audit?outcome=denied");
    expect(res.body.entries[0]).toMatchObject({
      action: "access_denied",
      outcome: "denied",
      actor: { username: "test-investigator" },
      target: { type: "route", id: "GET /api/audit" },
    });
  });

  it("records reading the trail, and filters by action list, target and time", async () => {
    const auditor = ctx.as("auditor");
    const views = await auditor("/api/audit?action=view_audit");
    expect(views.body.total).toBeGreaterThan(0);
    const two = await auditor("/api/audit?action=view_cluster,search&limit=500");
    expect(new Set(two.body.entries.map((e: { action: string }) => e.action))).toEqual(
      new Set(["view_cluster", "search"]),
    );
    const target = await auditor(`/api/audit?target_id=${clusterId}`);
    expect(target.body.entries.every((e: { target: { id: string } }) => e.target.id === clusterId)).toBe(true);
    const future = await auditor("/api/audit?from=2999-01-01");
    expect(future.body).toMatchObject({ total: 0, entries: [] });
    const page = await auditor("/api/audit?limit=2&offset=1");
    expect(page.body.entries).toHaveLength(2);
    expect(page.body.entries[0].seq).toBeGreaterThan(page.body.entries[1].seq);
    expect((await auditor("/api/audit?from=yesterday")).status).toBe(400);
  });
});

describe("the chain", () => {
  it("stays one chain when many appends race", async () => {
    const audit = ctx.container.security.services.audit;
    const before = (await ctx.as("auditor")("/api/audit/verify")).body;
    await Promise.all([
      ...Array.from({ length: 30 }, (_, i) => audit.record(systemActor("race"), { action: "search", details: { i } })),
      ...Array.from({ length: 10 }, () => ctx.as("lead")("/api/applications/R-002")),
    ]);
    const after = (await ctx.as("auditor")("/api/audit/verify")).body;
    expect(after.ok).toBe(true);
    expect(after.firstBreak).toBeNull();
    // 40 new entries plus the verify request's own view of nothing (verify itself is not recorded).
    expect(after.head.seq).toBe(before.head.seq + 40);
    const res = await cypher(
      "MATCH (e:AuditEntry) RETURN count(e) AS n, count(DISTINCT e.prev_hash) AS links, max(e.seq) AS top",
    );
    const r = res.records[0]!;
    expect(Number(r.get("n"))).toBe(Number(r.get("top")));
    expect(Number(r.get("links"))).toBe(Number(r.get("n")));
  });

  it("has no statement that changes or deletes an entry", () => {
    const offenders: string[] = [];
    const walk = (dir: string): void => {
      for (const f of fs.readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, f.name);
        if (f.isDirectory()) walk(p);
        else if (/AuditEntry/.test(fs.readFileSync(p, "utf8"))) {
          const text = fs.readFileSync(p, "utf8").replace(/\/\/.*$/gm, "");
          if (/\b(DELETE|REMOVE)\b/.test(text) || (/\bSET e\b/.test(text) && !p.endsWith("audit-append-batch.cypher")))
            offenders.push(p);
        }
      }
    };
    walk(CYPHER_DIR);
    expect(offenders).toEqual([]);
  });

  it("names the first entry changed after the fact, over the API and on the command line", async () => {
    const env = { ...process.env, LOG_LEVEL: "silent" };
    const ok = await run("npx", ["tsx", "server/cli/audit-verify.ts"], { cwd: PROJECT_ROOT, env });
    expect(ok.stdout).toMatch(/^OK: \d+ audit entries, chain intact/);
    await cypher("MATCH (e:AuditEntry {seq: 5}) SET e.ip = '203.0.113.66'");
    await cypher("MATCH (e:AuditEntry {seq: 9}) DETACH DELETE e");
    const api = (await ctx.as("auditor")("/api/audit/verify")).body;
    expect(api.ok).toBe(false);
    expect(api.firstBreak).toMatchObject({ seq: 5, reason: expect.stringMatching(/content does not match its hash/) });
    const cli = await run("npx", ["tsx", "server/cli/audit-verify.ts"], { cwd: PROJECT_ROOT, env }).catch(
      (e: { code: number; stdout: string }) => e,
    );
    expect((cli as { code: number }).code).toBe(1);
    expect((cli as { stdout: string }).stdout).toMatch(
      /BROKEN: first broken entry is #5 \(id [0-9a-f-]{36}, .*\): the entry's content does not match its hash/,
    );
  }, 120_000);
});
