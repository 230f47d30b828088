/**
 * Detection runs against the real Neo4j: persistence, stable ids and the diff across runs, visibility
 * (readers keep the previous finished run while a new one is written), the lock (conflicts, atomic
 * acquisition, stale takeover), failures, retention, the runs API and the scheduler triggers.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { ConflictError } from "../../server/common/errors.js";
import { RunsRepository } from "../../server/runs/runs.repository.js";
import { authorise, type Role } from "../../server/http/route.js";
import { createLogger } from "../../server/logger.js";
import { clustersRoutes } from "../../server/clusters/clusters.routes.js";
import { runsRoutes } from "../../server/runs/runs.routes.js";
import { ActiveRun } from "../../server/runs/active-run.js";
import { toClusterRow } from "../../server/runs/cluster-record.js";
import type { DetectFn } from "../../server/runs/detector.js";
import { DetectionScheduler } from "../../server/runs/scheduler.js";
import { RunsService, type RunsServiceDeps } from "../../server/runs/runs.service.js";
import { createTestContext, type TestContext } from "../helpers/context.js";
import { cluster, fixedDetect, output, records } from "../unit/runs/fixtures.js";

let ctx: TestContext;
let repo: RunsRepository;
const silent = createLogger("silent");

function service(detect: DetectFn, extra: Partial<RunsServiceDeps> = {}): RunsService {
  let n = 0;
  return new RunsService({
    db: ctx.db,
    repo,
    detect,
    log: silent,
    runsToKeep: 10,
    newClusterId: () => `C-T${String(++n).padStart(3, "0")}`,
    ...extra,
  });
}

const FIRST = output([
  cluster(["A-1", "A-2", "A-3"], 85, { pattern: "laptop_farm" }),
  cluster(["A-4", "A-5"], 30),
  cluster(["A-6", "A-7"], 55, { pattern: "account_rental" }),
  cluster(["A-8", "A-9"], 45),
]);
// Second run: A-1..3 grows by A-10 (grown), A-4/5 and A-8/9 merge (merged, id of the first contributor by
// id order on equal overlap), A-6/7 disappears (dissolved), A-11/12 is new.
const SECOND = output([
  cluster(["A-1", "A-2", "A-3", "A-10"], 90, { pattern: "laptop_farm" }),
  cluster(["A-4", "A-5", "A-8", "A-9"], 60),
  cluster(["A-11", "A-12"], 20),
]);

let first: Awaited<ReturnType<RunsService["runNow"]>>;
let second: Awaited<ReturnType<RunsService["runNow"]>>;

beforeAll(async () => {
  ctx = await createTestContext();
  repo = new RunsRepository(ctx.db);
  const body = JSON.stringify(records("A", 12));
  const res = await ctx.api("/api/ingest", { method: "POST", headers: { "content-type": "application/json" }, body });
  expect(res.body.accepted).toBe(12);
});
afterAll(async () => ctx.close());

describe("a finished run", () => {
  it("persists the run, its clusters in risk order and the contract document", async () => {
    first = await service(fixedDetect(FIRST)).runNow("test");
    const doc = first.document;
    expect(doc.run_id).toMatch(/^R-\d{8}T\d{6}Z-[0-9a-f]{4}$/);
    expect(Number.isNaN(Date.parse(doc.generated_at))).toBe(false);
    expect(doc.clusters.map((c) => [c.id, c.risk_score, c.change])).toEqual([
      ["C-T001", 85, "new"],
      ["C-T002", 55, "new"],
      ["C-T003", 45, "new"],
      ["C-T004", 30, "new"],
    ]);
    const run = await ctx.api(`/api/runs/${doc.run_id}`);
    expect(run.status).toBe(200);
    expect(run.body).toMatchObject({
      id: doc.run_id,
      status: "finished",
      trigger: "test",
      error: null,
      previous_run_id: null,
      counts: { clusters: 4, by_level: { high: 1, medium: 2, low: 1 } },
      diff_counts: { new: 4, grown: 0, shrunk: 0, merged: 0, split: 0, unchanged: 0, dissolved: 0 },
      asn_database: { package: "@ip-location-db/asn", version: "fixture" },
      parameters: { fixture: true },
      progress: null,
    });
    expect(run.body.timings).toMatchObject({ load: 0.01, score: 0.01 });
    expect(run.body.timings.persist).toBeGreaterThanOrEqual(0);
    // An auditor reads the same run without the per-cluster diff or any identifier.
    const audited = await ctx.as("auditor")(`/api/runs/${doc.run_id}`);
    expect(audited.status).toBe(200);
    expect(audited.body.common_infrastructure).toEqual([]);
    expect(audited.body.diff).toEqual({ previous_run_id: null, counts: run.body.diff.counts });
    expect(run.body.diff.changed.length).toBeGreaterThan(0);
    expect(await repo.clusterCount(doc.run_id)).toBe(4);
    const lock = await repo.lockStatus("detection");
    expect(lock).toMatchObject({ owner: null, run_id: null, live: false });
  });

  it("serves the same document from GET /api/clusters, with member links written", async () => {
    const res = await ctx.api("/api/clusters");
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ run_id: first.document.run_id, total: 4, limit: 50, offset: 0 });
    expect(res.body.generated_at).toBe(first.document.generated_at);
    expect(res.body.clusters.map((c: { id: string }) => c.id)).toEqual(["C-T001", "C-T002", "C-T003", "C-T004"]);
    expect(res.body.clusters[0]).toMatchObject({
      id: "C-T001",
      application_ids: ["A-1", "A-2", "A-3"],
      risk_score: 85,
      risk_level: "high",
      patterns: ["laptop_farm"],
      reasons: [{ code: "laptop_farm", text: "A-1, A-2, A-3 share infrastructure." }],
      change: "new",
    });
    const detail = await ctx.api("/api/clusters/C-T001");
    expect(detail.body.members.map((m: { id: string }) => m.id)).toEqual(["A-1", "A-2", "A-3"]);
  });

  it("keeps cluster ids across runs and records the diff on the run and on each cluster", async () => {
    second = await service(fixedDetect(SECOND)).runNow("test");
    const byMembers = Object.fromEntries(second.document.clusters.map((c) => [c.application_ids.join(","), c]));
    expect(byMembers["A-1,A-2,A-3,A-10"]).toMatchObject({ id: "C-T001", change: "grown" });
    // A-4/5 (C-T004) and A-8/9 (C-T003) overlap equally: the tie goes to the smaller previous id.
    expect(byMembers["A-4,A-5,A-8,A-9"]).toMatchObject({ id: "C-T003", change: "merged" });
    // A fresh id never reuses one of the previous run's ids (the sequence skips C-T001..C-T004).
    expect(byMembers["A-11,A-12"]).toMatchObject({ id: "C-T005", change: "new" });
    const run = await ctx.api(`/api/runs/${second.document.run_id}`);
    expect(run.body.previous_run_id).toBe(first.document.run_id);
    expect(run.body.diff_counts).toEqual({
      new: 1,
      grown: 1,
      shrunk: 0,
      merged: 1,
      split: 0,
      unchanged: 0,
      dissolved: 1,
    });
    expect(run.body.diff.dissolved).toEqual([{ id: "C-T002", size: 2 }]);
    expect(run.body.diff.changed).toContainEqual({
      id: "C-T003",
      change: "merged",
      previous_ids: ["C-T003", "C-T004"],
      size: 4,
      added: 0,
      removed: 0,
    });
    const merged = await ctx.api("/api/clusters/C-T003");
    expect(merged.body.cluster).toMatchObject({ change: "merged", previous_ids: ["C-T003", "C-T004"] });
  });
});

describe("visibility", () => {
  it("shows readers the previous finished run while a new run is being written, never part of it", async () => {
    const active = await ActiveRun.begin(repo, { trigger: "test" });
    try {
      const rows = [
        toClusterRow({ ...cluster(["A-6", "A-7"], 99), id: "C-HALF1" }, 0),
        toClusterRow({ ...cluster(["A-11", "A-12"], 98), id: "C-HALF2" }, 1),
      ];
      await active.writeClusters(rows.slice(0, 1));
      const during = await ctx.api("/api/clusters");
      expect(during.body.run_id).toBe(second.document.run_id);
      expect(during.body.clusters.map((c: { id: string }) => c.id)).not.toContain("C-HALF1");
      expect(during.body.total).toBe(3);
      expect((await ctx.api("/api/clusters/C-HALF1")).status).toBe(404);
      expect((await ctx.api(`/api/clusters?run=${active.runId}`)).status).toBe(404);
      const runs = await ctx.api("/api/runs");
      expect(runs.body.runs[0]).toMatchObject({ id: active.runId, status: "running" });
      await active.writeClusters(rows.slice(1));
      await active.finish({ clusters: 2 });
      await active.release();
      const after = await ctx.api("/api/clusters");
      expect(after.body.run_id).toBe(active.runId);
      expect(after.body.clusters.map((c: { id: string }) => c.id)).toEqual(["C-HALF1", "C-HALF2"]);
    } finally {
      await active.fail("test cleanup");
    }
  });
});

describe("the detection lock", () => {
  it("refuses a second run while one holds the lock, with the running run's id (409 over HTTP)", async () => {
    let open!: () => void;
    const gate = new Promise<void>((r) => (open = r));
    const runs = service(fixedDetect(SECOND, gate), { lock: { heartbeatMs: 100 } });
    const started = await runs.start("test");
    try {
      // The heartbeat records where the run is, for GET /api/runs/:id (polled: a loaded machine delays it,
      // and a heartbeat may record "starting" before detection reports its first phase).
      let body: Record<string, unknown> = {};
      for (let i = 0; i < 100 && (body.progress as { phase?: string } | undefined)?.phase !== "load"; i++) {
        await new Promise((r) => setTimeout(r, 100));
        body = (await ctx.api(`/api/runs/${started.run_id}`)).body as Record<string, unknown>;
      }
      expect(body).toMatchObject({ status: "running", progress: { phase: "load", done: 0 } });
      await expect(ActiveRun.begin(repo, { trigger: "second" })).rejects.toMatchObject({
        status: 409,
        details: { run_id: started.run_id },
      });
      const res = await ctx.api("/api/detect", { method: "POST" });
      expect(res.status).toBe(409);
      expect(res.body.error).toMatchObject({ code: "conflict", details: { run_id: started.run_id } });
    } finally {
      // Always release the gated run and wait for it, so a failure here does not hold the lock for every
      // later test.
      open();
      await runs.idle();
    }
    expect((await ctx.api(`/api/runs/${started.run_id}`)).body.status).toBe("finished");
  });

  it("lets exactly one of several concurrent acquisitions win", async () => {
    const attempts = await Promise.allSettled(
      Array.from({ length: 6 }, (_, i) => ActiveRun.begin(repo, { trigger: `race-${i}` })),
    );
    const won = attempts.filter((a) => a.status === "fulfilled");
    expect(won).toHaveLength(1);
    for (const a of attempts) if (a.status === "rejected") expect(a.reason).toBeInstanceOf(ConflictError);
    const winner = (won[0] as PromiseFulfilledResult<ActiveRun>).value;
    await winner.fail("test cleanup");
    // The losers created no run: only the winner's (now failed) run exists among them.
    const list = await ctx.api("/api/runs?limit=100");
    expect(list.body.runs.filter((r: { trigger: string }) => r.trigger.startsWith("race-"))).toHaveLength(1);
  });

  it("takes over a stale lock, marks the crashed holder's run failed and stops the old holder", async () => {
    // A holder that "crashed": a short ttl (long enough for the write below on a loaded machine) and no
    // heartbeat.
    const crashed = await ActiveRun.begin(repo, {
      trigger: "crashed",
      lock: { ttlMs: 3000, heartbeatMs: 3_600_000 },
    });
    await crashed.writeClusters([toClusterRow({ ...cluster(["A-1", "A-2"], 50), id: "C-CRASH" }, 0)]);
    await expect(ActiveRun.begin(repo, { trigger: "too-early" })).rejects.toBeInstanceOf(ConflictError);
    await new Promise((r) => setTimeout(r, 3500));
    const next = await ActiveRun.begin(repo, { trigger: "takeover" });
    expect(next.tookOverRunId).toBe(crashed.runId);
    const old = await ctx.api(`/api/runs/${crashed.runId}`);
    expect(old.body.status).toBe("failed");
    expect(old.body.error).toMatch(/^abandoned: its process .* stopped heartbeating/);
    // The old holder wakes up: its heartbeat finds the lock gone and it can no longer write or finish.
    expect(await crashed.heartbeat()).toBe(false);
    await expect(crashed.writeClusters([])).rejects.toMatchObject({ code: "run_lost" });
    expect(await next.heartbeat()).toBe(true);
    await next.finish({ clusters: 0 });
    await next.release();
    await crashed.fail("cleanup after takeover");
    expect(await repo.clusterCount(crashed.runId)).toBe(0);
  });
});

describe("failures", () => {
  it("marks a run failed when detection throws; readers keep the previous run and the lock is free", async () => {
    const before = (await ctx.api("/api/clusters")).body.run_id;
    const runs = service(async () => {
      throw new Error("detection exploded");
    });
    await expect(runs.runNow("test")).rejects.toThrow("detection exploded");
    const list = await ctx.api("/api/runs?limit=1");
    expect(list.body.runs[0]).toMatchObject({ status: "failed", error: "detection exploded" });
    expect((await ctx.api("/api/clusters")).body.run_id).toBe(before);
    expect((await repo.lockStatus("detection"))?.owner).toBeNull();
  });

  it("on shutdown marks the background run failed, frees the lock and writes nothing afterwards", async () => {
    let open!: () => void;
    const gate = new Promise<void>((r) => (open = r));
    const runs = service(fixedDetect(SECOND, gate));
    const { run_id } = await runs.start("test");
    await runs.shutdown();
    expect((await repo.lockStatus("detection"))?.owner).toBeNull();
    open();
    await runs.idle();
    const run = await ctx.api(`/api/runs/${run_id}`);
    expect(run.body).toMatchObject({ status: "failed", error: "stopped: the server shut down" });
    expect(await repo.clusterCount(run_id)).toBe(0);
  });
});

describe("retention", () => {
  it("keeps the newest runsToKeep finished runs and deletes older runs with their clusters", async () => {
    const ids: string[] = [];
    for (let i = 0; i < 3; i++)
      ids.push((await service(fixedDetect(FIRST), { runsToKeep: 2 }).runNow("keep")).document.run_id);
    const list = await ctx.api("/api/runs?limit=100");
    const remaining = list.body.runs.map((r: { id: string }) => r.id);
    expect(remaining.slice(0, 2)).toEqual([ids[2], ids[1]]);
    expect(list.body.total).toBe(2);
    expect(await repo.clusterCount(ids[0]!)).toBe(0);
    expect(await repo.clusterCount(first.document.run_id)).toBe(0);
    expect(await repo.clusterCount(ids[1]!)).toBe(4);
    expect((await ctx.api(`/api/runs/${ids[0]}`)).status).toBe(404);
  });
});

describe("runs API", () => {
  it("pages runs newest first with a total", async () => {
    const page = await ctx.api("/api/runs?limit=1&offset=1");
    expect(page.status).toBe(200);
    expect(page.body).toMatchObject({ total: 2, limit: 1, offset: 1 });
    expect(page.body.runs).toHaveLength(1);
    expect(page.body.runs[0].diff).toBeUndefined();
  });

  it("answers 404 for an unknown run and 400 for bad paging", async () => {
    expect((await ctx.api("/api/runs/R-nope")).status).toBe(404);
    const bad = await ctx.api("/api/runs?limit=0");
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe("validation_failed");
  });

  it("declares who may do what: auditors read runs only, only leads and detect-scoped services start runs", () => {
    const routes = [...runsRoutes(ctx.container.services), ...clustersRoutes(ctx.container.services)];
    const can = (role: Role, method: string, path: string, scopes?: string[]) => {
      const route = routes.find((r) => r.method === method && r.path === path)!;
      try {
        authorise(route, { id: "u", username: "u", role, scopes });
        return true;
      } catch {
        return false;
      }
    };
    expect(can("auditor", "get", "/api/runs")).toBe(true);
    expect(can("auditor", "get", "/api/runs/:id")).toBe(true);
    expect(can("auditor", "get", "/api/clusters")).toBe(false);
    expect(can("investigator", "get", "/api/clusters/:id")).toBe(true);
    expect(can("investigator", "post", "/api/detect")).toBe(false);
    expect(can("lead", "post", "/api/detect")).toBe(true);
    expect(can("service", "post", "/api/detect", ["ingest"])).toBe(false);
    expect(can("service", "post", "/api/detect", ["detect"])).toBe(true);
  });
});

describe("scheduler", () => {
  it("starts a run on the cron expression and skips a tick while a run is in progress", async () => {
    let open!: () => void;
    const gate = new Promise<void>((r) => (open = r));
    const runs = service(fixedDetect(FIRST, gate));
    const scheduler = new DetectionScheduler(runs, { cron: "* * * * * *", afterIngestRecords: 0, log: silent });
    scheduler.start();
    try {
      expect(scheduler.nextRun()).toBeInstanceOf(Date);
      const deadline = Date.now() + 5000;
      while (!runs.running && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      const id = runs.running;
      expect(id).not.toBeNull();
      expect(await scheduler.trigger("overlap")).toBeNull();
      scheduler.stop();
      open();
      await runs.idle();
      expect((await ctx.api(`/api/runs/${id}`)).body).toMatchObject({ status: "finished", trigger: "schedule" });
    } finally {
      scheduler.stop();
      open();
      await runs.idle();
    }
  });

  it("rejects an invalid cron expression at start", () => {
    const s = new DetectionScheduler(service(fixedDetect(FIRST)), {
      cron: "every night",
      afterIngestRecords: 0,
      log: silent,
    });
    expect(() => s.start()).toThrow(/DETECT_CRON "every night" is not a cron expression/);
  });

  it("runs real detection after an ingest of more than the configured number of records, not after a small one", async () => {
    const runs = ctx.container.services.runs;
    const scheduler = new DetectionScheduler(runs, { cron: "", afterIngestRecords: 2, log: silent });
    scheduler.start(ctx.container.services.ingest);
    const triggers = async () =>
      (await ctx.api("/api/runs?limit=100")).body.runs.map((r: { trigger: string }) => r.trigger) as string[];
    await ctx.container.services.ingest.ingest(records("S", 2), "application/json");
    await new Promise((r) => setTimeout(r, 300));
    expect(runs.running).toBeNull();
    expect((await triggers()).filter((t) => t.startsWith("ingest:"))).toEqual([]);
    const shared = { device_id: "laptop-shared-1", payment_account: "acct-shared-1" };
    await ctx.container.services.ingest.ingest(
      records("T", 3, () => shared),
      "application/json",
    );
    const deadline = Date.now() + 5000;
    while (!runs.running && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    const id = runs.running!;
    expect(id).toBeTruthy();
    await runs.idle();
    scheduler.stop();
    const run = await ctx.api(`/api/runs/${id}`);
    expect(run.body).toMatchObject({ status: "finished", trigger: "ingest:3" });
    const clusters = await ctx.api("/api/clusters?q=t-1");
    expect(clusters.body.run_id).toBe(id);
    expect(clusters.body.clusters[0].application_ids).toEqual(["T-1", "T-2", "T-3"]);

    // The next batch, over HTTP, is detected incrementally from the state that run kept.
    const incremental = new DetectionScheduler(runs, {
      cron: "",
      afterIngestRecords: 2,
      incremental: true,
      log: silent,
    });
    incremental.start(ctx.container.services.ingest);
    const res = await ctx.api("/api/ingest", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(records("U", 3, () => ({ device_id: "laptop-shared-2", payment_account: "acct-shared-2" }))),
    });
    expect(res.status).toBe(200);
    const deadline2 = Date.now() + 5000;
    while (!runs.running && Date.now() < deadline2) await new Promise((r) => setTimeout(r, 50));
    const next = runs.running!;
    expect(next).toBeTruthy();
    await runs.idle();
    incremental.stop();
    const after = await ctx.api(`/api/runs/${next}`);
    expect(after.body).toMatchObject({ status: "finished", trigger: "ingest:3" });
    expect(after.body.counts.incremental).toMatchObject({ from_run: id });
    expect(after.body.counts.incremental.ingested).toBeGreaterThanOrEqual(3);
    // The new ring is found, the T ring is unchanged.
    const found = await ctx.api("/api/clusters?q=u-1");
    expect(found.body.run_id).toBe(next);
    expect(found.body.clusters[0]).toMatchObject({ application_ids: ["U-1", "U-2", "U-3"], change: "new" });
    const kept = await ctx.api("/api/clusters?q=t-1");
    expect(kept.body.clusters[0]).toMatchObject({ application_ids: ["T-1", "T-2", "T-3"], change: "unchanged" });
  });
});

describe("POST /api/detect", () => {
  it("starts a real detection run in the background and answers 202 with its id", async () => {
    const res = await ctx.api("/api/detect", { method: "POST" });
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ run_id: expect.stringMatching(/^R-/), status: "running" });
    await ctx.container.services.runs.idle();
    const run = await ctx.api(`/api/runs/${res.body.run_id}`);
    expect(run.body).toMatchObject({ status: "finished", trigger: expect.stringMatching(/^api:/), error: null });
    expect(run.body.asn_database.package).toBeTruthy();
    expect(run.body.timings.persist).toBeGreaterThanOrEqual(0);
    const clusters = await ctx.api("/api/clusters");
    expect(clusters.body.run_id).toBe(res.body.run_id);
    // The T-1..3 cluster found by the previous real run keeps its id.
    const ring = clusters.body.clusters.find((c: { application_ids: string[] }) => c.application_ids.includes("T-1"));
    expect(ring).toMatchObject({ application_ids: ["T-1", "T-2", "T-3"], change: "unchanged" });
  });
});
