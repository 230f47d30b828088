/**
 * Search and the entity pages' context against the real Neo4j: a raw email, a phone in another format,
 * a misspelt name, a cluster id and a case from one box; an application's clusters across two runs, its
 * cases, the same person's other applications and its neighbourhood; an identifier's applications on a
 * timeline with the common-infrastructure verdict and why. Two hand-built runs give known clusters.
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
let caseId: string;

const app = (id: string, day: string, name: string, extra: Record<string, unknown> = {}) => ({
  application_id: id,
  submitted_at: `${day}T10:00:00Z`,
  full_name: name,
  claimed_country: "US",
  ...extra,
});

const APPS = [
  // One person applying twice (same email typed differently, same name), then a stranger on their IP.
  app("X-1", "2026-01-01", "Elizabeth Foster", { email: "Elizabeth.Foster3940@gmail.com", ip: "203.0.113.9" }),
  app("X-2", "2026-01-05", "Foster Elizabeth", {
    email: "elizabethfoster3940+jobs@gmail.com",
    phone: "+1 (972) 772-0000",
  }),
  app("X-3", "2026-01-07", "Marcus Hale", {
    phone: "972.772.0000",
    ip: "203.0.113.9",
    device_id: "ab12cd34ef56ab12cd34ef56",
  }),
  app("X-4", "2026-02-01", "Nadia Quill", { device_id: "AB12CD34EF56AB12CD34EF56", ip: "198.51.100.20" }),
  app("X-5", "2026-02-02", "Owen Pike", { ip: "198.51.100.20" }),
];

async function run(clusters: Parameters<typeof output>[0], ids: string[], common: Parameters<typeof output>[1] = []) {
  let n = 0;
  const runs = new RunsService({
    db: ctx.db,
    repo: new RunsRepository(ctx.db),
    detect: fixedDetect(output(clusters, common)),
    log: createLogger("silent"),
    runsToKeep: 10,
    newClusterId: () => ids[n++]!,
  });
  return (await runs.runNow("test")).document.run_id;
}

const search = async (q: string) => {
  const res = await ctx.api(`/api/search?q=${encodeURIComponent(q)}`);
  expect(res.status).toBe(200);
  return res.body;
};

beforeAll(async () => {
  ctx = await createTestContext();
  const res = await ctx.api("/api/ingest", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(APPS),
  });
  expect(res.body.accepted).toBe(5);
  r1 = await run([cluster(["X-1", "X-2", "X-3"], 80)], ["C-PXNKYGTR"]);
  // The second run keeps X-1..X-3 together (same stable id) and finds behind a common IP.
  r2 = await run(
    [cluster(["X-1", "X-2", "X-3", "X-4"], 85)],
    ["C-NEWONE01"],
    [{ ref: "ip:198.51.100.20", identities: 412, applications: 530, reason: "used by 412 identities" }],
  );
  const opened = await ctx.api("/api/cases", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ cluster_id: "C-PXNKYGTR", title: "Foster farm tip" }),
  });
  expect(opened.status).toBe(201);
  caseId = opened.body.id;
});
afterAll(async () => ctx.close());

describe("GET /api/search from one box", () => {
  it("finds an application by an email as typed (dots, case, +tag folded as ingest does)", async () => {
    const body = await search("Elizabeth.Foster3940@gmail.com");
    expect(body.identifiers).toHaveLength(1);
    expect(body.identifiers[0]).toMatchObject({ kind: "email", key: "elizabethfoster3940@gmail.com", total: 2 });
    expect(body.identifiers[0].applications.map((a: { id: string }) => a.id).sort()).toEqual(["X-1", "X-2"]);
  });

  it("finds a phone typed in another format", async () => {
    const body = await search("+1 (972) 772-0000");
    expect(body.identifiers[0]).toMatchObject({ kind: "phone", key: "+19727720000", total: 2 });
  });

  it("finds a name with a one-letter typo, and only the right people", async () => {
    const body = await search("Elizabth Foster");
    expect(body.applications.map((a: { id: string }) => a.id).sort()).toEqual(["X-1", "X-2"]);
    const other = await search("Marcos Hale");
    expect(other.applications.map((a: { id: string }) => a.id)).toEqual(["X-3"]);
  });

  it("finds a cluster by its id as pasted (any case), in the latest run", async () => {
    const body = await search(" c-pxnkygtr ");
    expect(body.clusters).toEqual([
      expect.objectContaining({ id: "C-PXNKYGTR", run_id: r2, in_latest_run: true, risk_level: "high", size: 4 }),
    ]);
    expect((await search("C-ZZZZZZZZ")).clusters).toEqual([]);
  });

  it("finds cases by id and by title, and keeps the existing fields", async () => {
    expect((await search(caseId)).cases.map((c: { id: string }) => c.id)).toEqual([caseId]);
    const byTitle = await search("foster farm");
    expect(byTitle.cases).toEqual([expect.objectContaining({ id: caseId, title: "Foster farm tip", member_count: 4 })]);
    expect(byTitle).toHaveProperty("applications");
    expect(byTitle).toHaveProperty("identifiers");
  });

  it("is recorded in the audit trail", async () => {
    await search("Marcus");
    const audit = await ctx.as("auditor")("/api/audit?action=search&limit=5");
    expect(audit.status).toBe(200);
    expect(audit.body.entries.length).toBeGreaterThan(0);
  });
});

describe("GET /api/applications/:id/context", () => {
  it("gives the cluster in the latest run, the history across runs, cases and the same person", async () => {
    const res = await ctx.api("/api/applications/X-1/context");
    expect(res.status).toBe(200);
    const b = res.body;
    expect(b.run_id).toBe(r2);
    expect(b.cluster).toMatchObject({ id: "C-PXNKYGTR", risk_level: "high", size: 4 });
    expect(b.history.map((h: { run_id: string }) => h.run_id)).toEqual([r2, r1]);
    expect(b.history[1]).toMatchObject({ cluster_id: "C-PXNKYGTR", size: 3 });
    expect(b.cases.map((c: { id: string }) => c.id)).toEqual([caseId]);
    // X-2 shares the (folded) email and the (reordered) name; X-3 shares only the IP: not the same person.
    expect(b.same_identity.map((a: { id: string }) => a.id)).toEqual(["X-2"]);
    expect(b.same_identity[0].via).toEqual(["email:elizabethfoster3940@gmail.com"]);
  });

  it("draws the neighbourhood with identifiers labelled as typed", async () => {
    const b = (await ctx.api("/api/applications/X-1/context")).body;
    const ids = b.graph.nodes.map((n: { id: string }) => n.id).sort();
    expect(ids).toEqual([
      "application:X-1",
      "application:X-2",
      "application:X-3",
      "email:elizabethfoster3940@gmail.com",
      "ip:203.0.113.9",
    ]);
    const email = b.graph.nodes.find((n: { kind: string }) => n.kind === "email");
    expect(email.attributes.display).toBe("Elizabeth.Foster3940@gmail.com");
    expect(b.graph.edges).toContainEqual({ source: "application:X-3", target: "ip:203.0.113.9" });
  });

  it("answers 404 for an unknown application and records the view", async () => {
    expect((await ctx.api("/api/applications/NOPE-1/context")).status).toBe(404);
    const audit = await ctx.as("auditor")("/api/audit?action=view_application&target_id=X-1&limit=5");
    expect(audit.body.entries.length).toBeGreaterThan(0);
  });
});

describe("GET /api/identifiers/:kind/:value/context", () => {
  it("lists every application on a timeline with its cluster, by the value as typed", async () => {
    const res = await ctx.api(`/api/identifiers/phone/${encodeURIComponent("(972) 772-0000")}/context`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ kind: "phone", key: "+19727720000", total: 2 });
    expect(res.body.applications.map((a: { id: string }) => a.id)).toEqual(["X-2", "X-3"]);
    expect(res.body.applications[0].cluster_id).toBe("C-PXNKYGTR");
    expect(res.body.clusters).toEqual([{ id: "C-PXNKYGTR", risk_level: "high", applications: 2 }]);
    expect(res.body.common_infrastructure.common).toBe(false);
    expect(res.body.common_infrastructure.reason).toMatch(/Not judged common infrastructure/);
  });

  it("says that an identifier is common infrastructure and why", async () => {
    const res = await ctx.api("/api/identifiers/ip/198.51.100.20/context");
    expect(res.body.common_infrastructure).toMatchObject({
      common: true,
      run_id: r2,
      reason: "used by 412 identities",
      identities: 412,
    });
    const self = res.body.graph.nodes.find((n: { id: string }) => n.id === "ip:198.51.100.20");
    expect(self.attributes.common_infrastructure).toBe(true);
  });

  it("draws the identifiers its applications share with each other", async () => {
    const res = await ctx.api("/api/identifiers/ip/203.0.113.9/context");
    const ids = res.body.graph.nodes.map((n: { id: string }) => n.id).sort();
    // use the IP; they share nothing else, so only the IP and the two applications.
    expect(ids).toEqual(["application:X-1", "application:X-3", "ip:203.0.113.9"]);
  });

  it("gives 404 for an unused identifier and 400 for a bad kind", async () => {
    expect((await ctx.api("/api/identifiers/email/nobody%40example.com/context")).status).toBe(404);
    expect((await ctx.api("/api/identifiers/shoe/x/context")).status).toBe(400);
  });
});
