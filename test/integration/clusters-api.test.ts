/**
 * Clusters API against the real Neo4j: the contract document with filters and paging, one cluster with
 * members, identifiers, subgraph and reasons, node neighbourhoods for "expand", and the 404/400 answers.
 * Two hand-built runs (R1, then R2) give known clusters, ids and changes.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { RunsRepository } from "../../server/runs/runs.repository.js";
import { createLogger } from "../../server/logger.js";
import { RunsService } from "../../server/runs/runs.service.js";
import { createTestContext, type TestContext } from "../helpers/context.js";
import { cluster, fixedDetect, output } from "../unit/runs/fixtures.js";

let ctx: TestContext;
let r1: string;
let r2: string;

const app = (id: string, day: string, name: string, extra: Record<string, unknown> = {}) => ({
  application_id: id,
  submitted_at: `${day}T10:00:00Z`,
  full_name: name,
  email: `${id.toLowerCase()}@example.com`,
  claimed_country: "US",
  job_id: "J-1",
  ...extra,
});

const APPS = [
  app("K-1", "2026-01-01", "Alice Archer", { device_id: "DEV-K1", payment_account: "pay-k1", ip: "203.0.113.7" }),
  app("K-2", "2026-01-02", "Bob Brown", { device_id: "dev-k1", payment_account: "pay-k1", ip: "203.0.113.7" }),
  app("K-3", "2026-01-03", "Carol Chen", { device_id: "dev-k1", profile_url: "https://www.linkedin.com/in/carol-c/" }),
  app("K-4", "2026-02-10", "Dan Diaz", { phone: "+1 202 555 0101" }),
  app("K-5", "2026-02-11", "Eve Evans", { phone: "(202) 555-0101", ip: "203.0.113.7" }),
  app("K-6", "2026-03-01", "Fay Fox", { shipping_address: "1 Main Street, Apt 4" }),
  app("K-7", "2026-03-02", "Gus Gray", { shipping_address: "1 main st apt 4", phone: "202-555-01" }),
];

async function run(out: ReturnType<typeof output>): Promise<string> {
  let n = 0;
  const runs = new RunsService({
    db: ctx.db,
    repo: new RunsRepository(ctx.db),
    detect: fixedDetect(out),
    log: createLogger("silent"),
    runsToKeep: 10,
    newClusterId: () => `C-T${String(++n).padStart(3, "0")}`,
  });
  return (await runs.runNow("test")).document.run_id;
}

const ids = (body: { clusters: { id: string }[] }) => body.clusters.map((c) => c.id);

beforeAll(async () => {
  ctx = await createTestContext();
  const res = await ctx.api("/api/ingest", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(APPS),
  });
  expect(res.body.accepted).toBe(7);
});
afterAll(async () => ctx.close());

describe("before any run", () => {
  it("answers an empty document with null run id", async () => {
    const res = await ctx.api("/api/clusters");
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ run_id: null, generated_at: null, clusters: [], total: 0, limit: 50, offset: 0 });
  });
});

describe("GET /api/clusters", () => {
  beforeAll(async () => {
    r1 = await run(
      output([
        cluster(["K-1", "K-2"], 80, { pattern: "laptop_farm" }),
        cluster(["K-4", "K-5"], 50, { pattern: "account_rental" }),
      ]),
    );
    r2 = await run(
      output(
        [
          cluster(["K-1", "K-2", "K-3"], 85, {
            pattern: "laptop_farm",
            shared_identifiers: ["device:dev-k1", "payment:pay-k1"],
            common_infrastructure: ["ip:203.0.113.7"],
            first_submitted_at: "2026-01-01T10:00:00.000Z",
            last_submitted_at: "2026-01-03T10:00:00.000Z",
          }),
          cluster(["K-4", "K-5"], 50, { pattern: "account_rental" }),
          cluster(["K-6", "K-7"], 20),
        ],
        [{ ref: "ip:203.0.113.7", identities: 3, applications: 3, reason: "used by 3 identities" }],
      ),
    );
  });

  it("serves the latest finished run as the contract document, by descending risk, with paging fields", async () => {
    const res = await ctx.api("/api/clusters");
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ run_id: r2, total: 3, limit: 50, offset: 0 });
    expect(Number.isNaN(Date.parse(res.body.generated_at))).toBe(false);
    expect(ids(res.body)).toEqual(["C-T001", "C-T002", "C-T003"]);
    const c = res.body.clusters[0];
    expect(c).toMatchObject({
      id: "C-T001",
      application_ids: ["K-1", "K-2", "K-3"],
      risk_score: 85,
      risk_level: "high",
      patterns: ["laptop_farm"],
      reasons: [{ code: "laptop_farm", text: "K-1, K-2, K-3 share infrastructure.", identifiers: expect.any(Array) }],
      size: 3,
      identities: 3,
      shared_identifiers: ["device:dev-k1", "payment:pay-k1"],
      common_infrastructure: ["ip:203.0.113.7"],
      first_submitted_at: "2026-01-01T10:00:00.000Z",
      last_submitted_at: "2026-01-03T10:00:00.000Z",
      score_breakdown: [{ code: "laptop_farm", points: 85 }],
      change: "grown",
      previous_ids: ["C-T001"],
      added: 1,
      removed: 0,
    });
    expect(res.body.clusters.map((x: { change: string }) => x.change)).toEqual(["grown", "unchanged", "new"]);
  });

  it.each([
    ["level=high", ["C-T001"]],
    ["level=low", ["C-T003"]],
    ["pattern=account_rental", ["C-T002"]],
    ["min_size=3", ["C-T001"]],
    ["q=carol", ["C-T001"]],
    ["q=DEV-K1", ["C-T001"]],
    ["q=k-5", ["C-T002"]],
    ["q=main%20st", ["C-T003"]],
    ["q=nobody-here", []],
    ["from=2026-02-01&to=2026-02-28", ["C-T002"]],
    ["from=2026-03-02", ["C-T003"]],
    ["to=2026-01-02", ["C-T001"]],
    ["from=2026-01-02T12:00:00Z&to=2026-01-03T09:00:00Z", []],
    ["level=high&min_size=4", []],
  ])("filters by %s", async (query, expected) => {
    const res = await ctx.api(`/api/clusters?${query}`);
    expect(res.status).toBe(200);
    expect(ids(res.body)).toEqual(expected);
    expect(res.body.total).toBe(expected.length);
    // A filter that matches nothing still names the run it searched.
    expect(res.body.run_id).toBe(r2);
  });

  it("lists clusters new or grown since a run", async () => {
    const res = await ctx.api(`/api/clusters?new_since=${r1}`);
    expect(ids(res.body)).toEqual(["C-T001", "C-T003"]);
    const none = await ctx.api(`/api/clusters?new_since=${r2}`);
    expect(ids(none.body)).toEqual([]);
  });

  it("pages with limit and offset, keeping the total", async () => {
    const res = await ctx.api("/api/clusters?limit=1&offset=1");
    expect(res.body).toMatchObject({ total: 3, limit: 1, offset: 1 });
    expect(ids(res.body)).toEqual(["C-T002"]);
  });

  it("serves an older finished run on request", async () => {
    const res = await ctx.api(`/api/clusters?run=${r1}`);
    expect(res.body.run_id).toBe(r1);
    expect(res.body.clusters.map((c: { application_ids: string[] }) => c.application_ids)).toEqual([
      ["K-1", "K-2"],
      ["K-4", "K-5"],
    ]);
  });

  it.each([
    ["run=R-unknown", 404, "not_found"],
    ["new_since=R-unknown", 400, "validation_failed"],
    ["level=extreme", 400, "validation_failed"],
    ["pattern=ring", 400, "validation_failed"],
    ["min_size=1", 400, "validation_failed"],
    ["from=yesterday", 400, "validation_failed"],
    ["from=2026-03-01&to=2026-02-01", 400, "validation_failed"],
    ["q=a", 400, "validation_failed"],
    ["limit=501", 400, "validation_failed"],
  ])("answers %s with %i", async (query, status, code) => {
    const res = await ctx.api(`/api/clusters?${query}`);
    expect(res.status).toBe(status);
    expect(res.body.error.code).toBe(code);
  });
});

describe("GET /api/clusters/:id", () => {
  it("returns the cluster, its members, their identifiers, the subgraph and the reasons", async () => {
    const res = await ctx.api("/api/clusters/C-T001");
    expect(res.status).toBe(200);
    const d = res.body;
    expect(d).toMatchObject({ run_id: r2, cluster: { id: "C-T001", risk_score: 85 } });
    expect(d.reasons).toEqual(d.cluster.reasons);
    expect(d.missing_members).toEqual([]);
    expect(d.members.map((m: { id: string }) => m.id)).toEqual(["K-1", "K-2", "K-3"]);
    expect(d.members[0]).toMatchObject({
      id: "K-1",
      full_name: "Alice Archer",
      submitted_at: "2026-01-01T10:00:00.000Z",
      claimed_country: "US",
      job_id: "J-1",
      indicators: [],
      identifiers: ["device:dev-k1", "email:k-1@example.com", "ip:203.0.113.7", "payment:pay-k1"],
    });
    const byRef = Object.fromEntries(d.identifiers.map((i: { ref: string }) => [i.ref, i]));
    expect(byRef["device:dev-k1"]).toMatchObject({
      kind: "device",
      key: "dev-k1",
      used_by: 3,
      members: 3,
      common_infrastructure: false,
    });
    expect(byRef["payment:pay-k1"]).toMatchObject({ used_by: 2, members: 2, common_infrastructure: false });
    // Used by K-5 outside the cluster too, and flagged as the run's common infrastructure.
    expect(byRef["ip:203.0.113.7"]).toMatchObject({ used_by: 3, members: 2, common_infrastructure: true });
    expect(byRef["profile:linkedin.com/in/carol-c"]).toMatchObject({ members: 1, props: { handle: "carol-c" } });
    expect(d.identifiers[0].ref).toBe("device:dev-k1");
    expect(d.identifiers).toHaveLength(7);

    const nodes = Object.fromEntries(d.graph.nodes.map((n: { id: string }) => [n.id, n]));
    expect(d.graph.truncated).toBe(false);
    expect(d.graph.nodes).toHaveLength(3 + 7);
    expect(nodes["application:K-3"]).toMatchObject({ kind: "application", label: "Carol Chen" });
    expect(nodes["ip:203.0.113.7"]).toMatchObject({
      kind: "ip",
      label: "203.0.113.7",
      attributes: { common_infrastructure: true, used_by: 3, members: 2 },
    });
    expect(d.graph.edges).toHaveLength(4 + 4 + 3);
    expect(d.graph.edges).toContainEqual({ source: "application:K-2", target: "payment:pay-k1" });
  });

  it("serves a cluster of an older run on request", async () => {
    const res = await ctx.api(`/api/clusters/C-T001?run=${r1}`);
    expect(res.body.members.map((m: { id: string }) => m.id)).toEqual(["K-1", "K-2"]);
    expect(res.body.identifiers.find((i: { ref: string }) => i.ref === "ip:203.0.113.7").common_infrastructure).toBe(
      false,
    );
  });

  it("answers 404 for an unknown cluster, and says where a cluster was last seen", async () => {
    const missing = await ctx.api("/api/clusters/C-NOPE");
    expect(missing.status).toBe(404);
    const older = await ctx.api(`/api/clusters/C-T003?run=${r1}`);
    expect(older.status).toBe(404);
    expect(older.body.error.message).toBe(`cluster "C-T003" is not in run ${r1} (last seen in run ${r2})`);
    expect((await ctx.api("/api/clusters/C-T001?run=R-unknown")).status).toBe(404);
  });
});

describe("GET /api/nodes/:ref/neighbours", () => {
  it("expands an application into its identifiers, with the total", async () => {
    const res = await ctx.api("/api/nodes/application:K-1/neighbours");
    expect(res.status).toBe(200);
    expect(res.body.node).toMatchObject({ id: "application:K-1", kind: "application", label: "Alice Archer" });
    expect(res.body.neighbours.map((n: { id: string }) => n.id)).toEqual([
      "device:dev-k1",
      "email:k-1@example.com",
      "ip:203.0.113.7",
      "payment:pay-k1",
    ]);
    expect(res.body.neighbours[0].attributes.used_by).toBe(3);
    expect(res.body).toMatchObject({ total: 4, limit: 50, offset: 0, more: 0 });
    expect(res.body.edges).toContainEqual({ source: "application:K-1", target: "payment:pay-k1" });
  });

  it("pages an identifier's applications, newest first, and says how many more there are", async () => {
    const res = await ctx.api("/api/nodes/device:dev-k1/neighbours?limit=2");
    expect(res.body.node).toMatchObject({ id: "device:dev-k1", kind: "device", attributes: { used_by: 3 } });
    expect(res.body.neighbours.map((n: { id: string }) => n.id)).toEqual(["application:K-3", "application:K-2"]);
    expect(res.body).toMatchObject({ total: 3, more: 1 });
    const next = await ctx.api("/api/nodes/device:dev-k1/neighbours?limit=2&offset=2");
    expect(next.body.neighbours.map((n: { id: string }) => n.id)).toEqual(["application:K-1"]);
    expect(next.body.more).toBe(0);
  });

  it("accepts refs whose key holds slashes when encoded", async () => {
    const res = await ctx.api(`/api/nodes/${encodeURIComponent("profile:linkedin.com/in/carol-c")}/neighbours`);
    expect(res.status).toBe(200);
    expect(res.body.neighbours.map((n: { id: string }) => n.id)).toEqual(["application:K-3"]);
  });

  it("answers 404 for unknown nodes and 400 for malformed refs", async () => {
    expect((await ctx.api("/api/nodes/application:K-99/neighbours")).status).toBe(404);
    expect((await ctx.api("/api/nodes/device:nope/neighbours")).status).toBe(404);
    const bad = await ctx.api("/api/nodes/planet:mars/neighbours");
    expect(bad.status).toBe(400);
    expect((await ctx.api("/api/nodes/device:dev-k1/neighbours?limit=0")).status).toBe(400);
  });
});
