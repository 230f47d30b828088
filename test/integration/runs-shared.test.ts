/**
 * Clusters shared between runs, against the real Neo4j: a run that finds a cluster exactly as the previous
 * run stored it links to that node (its rank and change on its own FOUND) instead of writing it again, and
 * every reader of a run (queue, detail, history, "new since", successors) still sees that run's clusters
 * with that run's change; a changed cluster (members, score or an annotation) gets a node of its own;
 * deleting runs and failing a run remove only what no other run holds.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { ContractCluster } from "../../server/common/detection.js";
import { graphFingerprint } from "../../server/db/graph-fingerprint.js";
import { createLogger } from "../../server/logger.js";
import { ActiveRun } from "../../server/runs/active-run.js";
import { linkRow, toClusterRow } from "../../server/runs/cluster-record.js";
import type { DetectFn } from "../../server/runs/detector.js";
import { RunsRepository } from "../../server/runs/runs.repository.js";
import { RunsService, type RunsServiceDeps } from "../../server/runs/runs.service.js";
import { createTestContext, type TestContext } from "../helpers/context.js";
import { cluster, fixedDetect, output, records } from "../unit/runs/fixtures.js";

let ctx: TestContext;
let repo: RunsRepository;
let n = 0;

function service(detect: DetectFn, extra: Partial<RunsServiceDeps> = {}): RunsService {
  return new RunsService({
    db: ctx.db,
    repo,
    detect,
    log: createLogger("silent"),
    runsToKeep: 10,
    newClusterId: () => `C-S${String(++n).padStart(3, "0")}`,
    ...extra,
  });
}

const FARM = cluster(["S-1", "S-2", "S-3"], 85, { pattern: "laptop_farm" });
const PAIR = cluster(["S-4", "S-5"], 30);
const RENTAL = cluster(["S-6", "S-7"], 55, { pattern: "account_rental" });
const BASE = output([FARM, PAIR, RENTAL]);
// FARM grows by S-8; PAIR and RENTAL stay as they were.
const GROWN = output([cluster(["S-1", "S-2", "S-3", "S-8"], 90, { pattern: "laptop_farm" }), PAIR, RENTAL]);

const clusterNodes = async () => (await graphFingerprint(ctx.db, { labels: ["Cluster"] })).labels.Cluster ?? 0;
const page = async (run: string) =>
  (await ctx.api(`/api/clusters?run=${run}`)).body.clusters.map((c: ContractCluster) => [
    c.id,
    c.application_ids.length,
    c.change,
  ]);
const counts = async (run: string) => (await ctx.api(`/api/runs/${run}`)).body.counts;

let first: string;
let second: string;
let third: string;

beforeAll(async () => {
  ctx = await createTestContext();
  repo = new RunsRepository(ctx.db);
  const body = JSON.stringify(records("S", 8));
  const res = await ctx.api("/api/ingest", { method: "POST", headers: { "content-type": "application/json" }, body });
  expect(res.body.accepted).toBe(8);
});
afterAll(async () => ctx.close());

// Each test makes several runs and reads; a loaded machine needs more than the default minute.

describe("a run finding clusters as the previous run stored them", () => {
  it("links to the previous nodes instead of writing them again, with its own rank and change", async () => {
    first = (await service(fixedDetect(BASE)).runNow("test")).document.run_id;
    expect(await counts(first)).toMatchObject({ clusters: 3, clusters_written: 3, clusters_linked: 0 });
    second = (await service(fixedDetect(BASE)).runNow("test")).document.run_id;
    expect(await counts(second)).toMatchObject({ clusters: 3, clusters_written: 0, clusters_linked: 3 });
    expect(await clusterNodes()).toBe(3);
    expect(await repo.clusterCount(first)).toBe(3);
    expect(await repo.clusterCount(second)).toBe(3);
    // Each run keeps its own change and order on the shared nodes.
    expect(await page(first)).toEqual([
      ["C-S001", 3, "new"],
      ["C-S002", 2, "new"],
      ["C-S003", 2, "new"],
    ]);
    expect(await page(second)).toEqual([
      ["C-S001", 3, "unchanged"],
      ["C-S002", 2, "unchanged"],
      ["C-S003", 2, "unchanged"],
    ]);
    const detail = await ctx.api(`/api/clusters/C-S001?run=${second}`);
    expect(detail.body.cluster).toMatchObject({ change: "unchanged", previous_ids: ["C-S001"], added: 0, removed: 0 });
    expect(detail.body.members.map((m: { id: string }) => m.id)).toEqual(["S-1", "S-2", "S-3"]);
    expect((await ctx.api(`/api/clusters/C-S001?run=${first}`)).body.cluster).toMatchObject({ change: "new" });
    // An application's history lists both runs, each with its own change.
    const history = (await ctx.api("/api/applications/S-1/context")).body.history;
    expect(history.map((h: { run_id: string; change: string }) => [h.run_id, h.change])).toEqual([
      [second, "unchanged"],
      [first, "new"],
    ]);
  }, 180_000);

  it("writes a node of its own for a cluster whose members changed, and readers of each run see theirs", async () => {
    third = (await service(fixedDetect(GROWN)).runNow("test")).document.run_id;
    expect(await counts(third)).toMatchObject({ clusters: 3, clusters_written: 1, clusters_linked: 2 });
    expect(await clusterNodes()).toBe(4);
    expect(await page(third)).toEqual([
      ["C-S001", 4, "grown"],
      ["C-S002", 2, "unchanged"],
      ["C-S003", 2, "unchanged"],
    ]);
    const now = await ctx.api("/api/clusters/C-S001");
    expect(now.body.members.map((m: { id: string }) => m.id)).toEqual(["S-1", "S-2", "S-3", "S-8"]);
    const before = await ctx.api(`/api/clusters/C-S001?run=${second}`);
    expect(before.body.members.map((m: { id: string }) => m.id)).toEqual(["S-1", "S-2", "S-3"]);
    // "New or grown since" the second run: only the grown cluster, though the others are the same nodes.
    const since = await ctx.api(`/api/clusters?new_since=${second}`);
    expect(since.body.clusters.map((c: ContractCluster) => c.id)).toEqual(["C-S001"]);
    // The application's latest cluster is the third run's.
    const context = (await ctx.api("/api/applications/S-8/context")).body;
    expect(context).toMatchObject({ run_id: third, cluster: { id: "C-S001", size: 4 } });
  }, 180_000);

  it("writes a cluster anew when only an annotation changed", async () => {
    const annotate = async (clusters: ContractCluster[]) => {
      for (const c of clusters) if (c.id === "C-S003") c.watchlist_hits = ["email:s6@example.com"];
    };
    const run = (await service(fixedDetect(GROWN), { annotate }).runNow("test")).document.run_id;
    expect(await counts(run)).toMatchObject({ clusters_written: 1, clusters_linked: 2 });
    const c3 = await ctx.api("/api/clusters/C-S003");
    expect(c3.body.cluster).toMatchObject({ change: "unchanged", watchlist_hits: ["email:s6@example.com"] });
    expect((await ctx.api(`/api/clusters/C-S003?run=${third}`)).body.cluster.watchlist_hits).toBeUndefined();
    await repo.deleteRun(run);
    expect(await clusterNodes()).toBe(4);
  }, 180_000);
});

describe("removing runs", () => {
  it("a failed run that linked clusters leaves them to the runs that hold them", async () => {
    const active = await ActiveRun.begin(repo, { trigger: "test" });
    const previous = await repo.memberships(third);
    const link = (c: typeof RENTAL, id: string) =>
      [toClusterRow({ ...c, id }, 0)].map((r) =>
        linkRow(previous.find((p) => p.id === id)!.uid!, r.content_hash, id, r.found),
      );
    // Only a node holding exactly that content is linked (C-S002 is RENTAL, not PAIR).
    expect(await active.linkClusters(link(PAIR, "C-S002"))).toEqual([]);
    expect(await active.linkClusters(link(RENTAL, "C-S002"))).toHaveLength(1);
    await active.writeClusters([toClusterRow({ ...cluster(["S-6", "S-8"], 40), id: "C-FAIL" }, 1)]);
    expect(await clusterNodes()).toBe(5);
    await active.fail("test failure");
    expect(await repo.clusterCount(active.runId)).toBe(0);
    expect(await clusterNodes()).toBe(4);
    expect(await repo.clusterCount(third)).toBe(3);
    expect((await ctx.api("/api/clusters/C-S002")).body.members).toHaveLength(2);
  }, 180_000);

  it("a node stays while any run holds it, and goes with the last one", async () => {
    await repo.deleteRun(first);
    expect(await clusterNodes()).toBe(4);
    const kept = await ctx.api(`/api/clusters/C-S002?run=${second}`);
    expect(kept.body.members.map((m: { id: string }) => m.id)).toEqual(["S-6", "S-7"]);
    await repo.deleteRun(second);
    // The three-member FARM node was held by the first two runs only.
    expect(await clusterNodes()).toBe(3);
    expect(await repo.clusterCount(third)).toBe(3);
    expect((await ctx.api("/api/clusters/C-S002")).body.members).toHaveLength(2);
    await repo.deleteRun(third);
    expect(await clusterNodes()).toBe(0);
  }, 180_000);
});
