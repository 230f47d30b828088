/**
 * The cluster-detail cache against the real Neo4j: a repeated view is served from the cache and equals a
 * fresh build; an in-place change through this server's ingest, and a new application linked by another
 * process (the ingest CLI), are seen at once; a new run gives new entries; and every view, cached or not,
 * is still recorded in the audit trail.
 */
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { PROJECT_ROOT } from "../../server/config.js";
import { ClustersRepository } from "../../server/clusters/clusters.repository.js";
import { ClustersService } from "../../server/clusters/clusters.service.js";
import { createLogger } from "../../server/logger.js";
import { RunsRepository } from "../../server/runs/runs.repository.js";
import { RunsService } from "../../server/runs/runs.service.js";
import { ensurePassword } from "../../server/neo4j/manager.js";
import { createTestContext, type TestContext } from "../helpers/context.js";
import { cluster, fixedDetect, output } from "../unit/runs/fixtures.js";

let ctx: TestContext;
let n = 0;

const app = (id: string, name: string, extra: Record<string, unknown> = {}) => ({
  application_id: id,
  submitted_at: "2026-01-01T10:00:00Z",
  full_name: name,
  email: `${id.toLowerCase()}@example.com`,
  ...extra,
});
const APPS = [
  app("Q-1", "Quinn Quarry", { device_id: "DEV-Q1", payment_account: "pay-q1" }),
  app("Q-2", "Rita Rowe", { device_id: "dev-q1", payment_account: "pay-q1" }),
  app("Q-3", "Sam Stone", { device_id: "dev-q1" }),
];

async function ingest(records: unknown[]): Promise<void> {
  const res = await ctx.api("/api/ingest", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(records),
  });
  expect(res.body.accepted).toBe(records.length);
}

async function runDetection(): Promise<string> {
  const runs = new RunsService({
    db: ctx.db,
    repo: new RunsRepository(ctx.db),
    detect: fixedDetect(output([cluster(["Q-1", "Q-2", "Q-3"], 80, { pattern: "laptop_farm" })])),
    log: createLogger("silent"),
    runsToKeep: 10,
    newClusterId: () => `C-Q${String(++n).padStart(3, "0")}`,
  });
  return (await runs.runNow("test")).document.run_id;
}

const cache = () => ctx.container.services.clusters.detailCache;
const detail = async (id: string) => {
  const res = await ctx.as("investigator")(`/api/clusters/${id}`);
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toMatch(/^application\/json/);
  return res.body;
};
const deviceUsedBy = (body: any) =>
  body.identifiers.find((i: { ref: string }) => i.ref === "device:dev-q1")?.used_by as number;

beforeAll(async () => {
  ctx = await createTestContext();
  await ingest(APPS);
  await runDetection();
});
afterAll(async () => ctx.close());

describe("cluster-detail cache", () => {
  it("serves a repeated view from the cache, equal to a fresh build", async () => {
    const first = await detail("C-Q001");
    const before = { ...cache().stats };
    const second = await detail("C-Q001");
    expect(cache().stats.hits).toBe(before.hits + 1);
    expect(second).toEqual(first);
    // A service with no entries builds the same document from the graph.
    const fresh = new ClustersService(new ClustersRepository(ctx.db), new RunsRepository(ctx.db));
    expect(JSON.parse(JSON.stringify(await fresh.get("C-Q001")))).toEqual(second);
    expect(first.members.map((m: { full_name: string }) => m.full_name).sort()).toEqual([
      "Quinn Quarry",
      "Rita Rowe",
      "Sam Stone",
    ]);
  });

  it("sees an in-place change made through this server's ingest (same counts) at once", async () => {
    await detail("C-Q001");
    await ingest([app("Q-2", "Rita Renamed", { device_id: "dev-q1", payment_account: "pay-q1" })]);
    const stale = cache().stats.stale;
    const after = await detail("C-Q001");
    expect(after.members.find((m: { id: string }) => m.id === "Q-2").full_name).toBe("Rita Renamed");
    expect(cache().stats.stale).toBe(stale + 1);
  });

  it("sees a link added by another process (the ingest CLI) at once", async () => {
    const before = await detail("C-Q001");
    expect(deviceUsedBy(before)).toBe(3);
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "detail-cache-"));
    const file = path.join(tmp, "more.ndjson");
    fs.writeFileSync(file, JSON.stringify(app("Q-9", "Tess Other", { device_id: "dev-q1" })) + "\n");
    const { config } = ctx;
    const env = {
      ...process.env,
      NEO4J_URI: config.neo4j.uri,
      NEO4J_USER: config.neo4j.user,
      NEO4J_PASSWORD: config.neo4j.password ?? ensurePassword(config.neo4j).password,
    };
    await promisify(execFile)("npx", ["tsx", "server/cli/ingest.ts", file, "--rejects", path.join(tmp, "r.ndjson")], {
      cwd: PROJECT_ROOT,
      env,
    });
    const after = await detail("C-Q001");
    expect(deviceUsedBy(after)).toBe(4);
    // Q-9 is not a member of the run's cluster: the run is what it was.
    expect(after.members.map((m: { id: string }) => m.id).sort()).toEqual(["Q-1", "Q-2", "Q-3"]);
  }, 60_000);

  it("keys entries by run, so a new run's cluster is built afresh and the older run's is kept", async () => {
    const run1 = (await detail("C-Q001")).run_id;
    const run2 = await runDetection();
    expect(run2).not.toBe(run1);
    const misses = cache().stats.misses;
    const latest = await detail("C-Q001"); // the same members keep their cluster id across runs
    expect(latest.run_id).toBe(run2);
    expect(cache().stats.misses).toBe(misses + 1);
    const hits = cache().stats.hits;
    const older = await detail(`C-Q001?run=${encodeURIComponent(run1)}`);
    expect(older.run_id).toBe(run1);
    expect(cache().stats.hits).toBe(hits + 1);
  });

  it("records every view in the audit trail, cached or not", async () => {
    const t0 = new Date().toISOString();
    for (let i = 0; i < 5; i++) await detail("C-Q001");
    const res = await ctx.as("auditor")(
      `/api/audit?actor=test-investigator&action=view_cluster&from=${encodeURIComponent(t0)}&limit=100`,
    );
    expect(res.status).toBe(200);
    const views = res.body.entries.filter((e: { action: string }) => e.action === "view_cluster");
    expect(views).toHaveLength(5);
    expect(views[0].target).toEqual({ type: "cluster", id: "C-Q001" });
  });
});
