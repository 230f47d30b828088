/**
 * Cases against the real Neo4j: opened from a detected cluster (membership, score and reasons frozen
 * against later runs) or from selected applications; status rules by role; assignee, notes (Markdown
 * rendered safely), pins and optimistic versions; a history event for every change and audit records.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { caseworkData } from "../helpers/casework.js";
import { createTestContext, type TestContext } from "../helpers/context.js";

let ctx: TestContext;
let cluster: { id: string; application_ids: string[]; risk_score: number; reasons: unknown[] };
let caseId: string;

const send = (method: string, body: unknown) => ({
  method,
  headers: { "content-type": "application/json" },
  body: JSON.stringify(body),
});

async function ingest(records: unknown[]) {
  const res = await ctx.api("/api/ingest", send("POST", records));
  expect(res.status).toBe(200);
}

beforeAll(async () => {
  ctx = await createTestContext();
  await ingest(caseworkData({ ring: 4, honest: 10 }).records);
  await ctx.container.services.runs.runNow("test");
  cluster = (await ctx.api("/api/clusters")).body.clusters.find((c: { application_ids: string[] }) =>
    c.application_ids.includes("R-001"),
  );
  await ctx.credentials("investigator");
  await ctx.credentials("auditor");
});
afterAll(async () => ctx.close());

describe("opening a case", () => {
  it("freezes the cluster's members, score, patterns and reasons", async () => {
    const res = await ctx.as("investigator")("/api/cases", send("POST", { cluster_id: cluster.id }));
    expect(res.status).toBe(201);
    caseId = res.body.id;
    expect(caseId).toMatch(/^CASE-\d{4}$/);
    expect(res.body).toMatchObject({
      status: "open",
      source: "cluster",
      cluster_id: cluster.id,
      risk_score: cluster.risk_score,
      member_ids: cluster.application_ids,
      reasons: cluster.reasons,
      assignee: "test-investigator",
      created_by: "test-investigator",
      version: 1,
    });
    expect(res.body.members.map((m: { id: string }) => m.id).sort()).toEqual([...cluster.application_ids].sort());
    expect(res.body.graph.nodes.length).toBeGreaterThan(4);
    expect(res.body.history).toMatchObject([{ seq: 1, action: "opened", actor: "test-investigator" }]);
  });

  it("keeps the frozen membership when later runs change the cluster", async () => {
    const more = caseworkData({ ring: 7, honest: 0 }).records.slice(4);
    await ingest(more);
    await ctx.container.services.runs.runNow("test");
    const grown = (await ctx.api("/api/clusters")).body.clusters.find((c: { application_ids: string[] }) =>
      c.application_ids.includes("R-001"),
    );
    expect(grown.application_ids).toHaveLength(7);
    const c = (await ctx.api(`/api/cases/${caseId}`)).body;
    expect(c.member_ids).toEqual(cluster.application_ids);
    expect(c.members).toHaveLength(4);
    expect(c.run_id).not.toBe((await ctx.api("/api/clusters")).body.run_id);
  });

  it("opens from selected applications, deriving reasons from what they share", async () => {
    const res = await ctx.api(
      "/api/cases",
      send("POST", {
        application_ids: ["R-001", "R-002", "H-0001"],
        identifiers: ["device:farm-device-7"],
        title: "Picked by hand",
      }),
    );
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      source: "selection",
      run_id: null,
      title: "Picked by hand",
      pinned_identifiers: ["device:farm-device-7"],
    });
    expect(res.body.reasons.map((r: { code: string }) => r.code)).toEqual(
      expect.arrayContaining(["shared_device", "shared_payment", "shared_address"]),
    );
    const missing = await ctx.api("/api/cases", send("POST", { application_ids: ["R-001", "NOPE-1"] }));
    expect(missing.status).toBe(400);
    expect(missing.body.error.message).toMatch(/NOPE-1/);
    const stranger = await ctx.api(
      "/api/cases",
      send("POST", { application_ids: ["H-0002"], identifiers: ["device:farm-device-7"] }),
    );
    expect(stranger.status).toBe(400);
    expect((await ctx.api("/api/cases", send("POST", { cluster_id: "C-NOPE" }))).status).toBe(404);
    expect((await ctx.api("/api/cases", send("POST", {}))).status).toBe(400);
  });
});

describe("working a case", () => {
  it("renders notes as Markdown without anything executable", async () => {
    const notes =
      "**Bold** [ok](https://example.org) [bad](javascript:alert(1))\n\n<script>alert(1)</script><img src=x onerror=alert(1)>";
    const res = await ctx.as("investigator")(`/api/cases/${caseId}`, send("PATCH", { notes }));
    expect(res.status).toBe(200);
    expect(res.body.notes_md).toBe(notes);
    expect(res.body.notes_html).toContain("<strong>Bold</strong>");
    expect(res.body.notes_html).toContain('href="https://example.org"');
    expect(res.body.notes_html).toContain('rel="noopener noreferrer nofollow"');
    expect(res.body.notes_html).not.toMatch(/<script|<img|<[^>]*onerror|javascript:/i);
  });

  it("lets only leads escalate and refer", async () => {
    const inv = await ctx.as("investigator")(`/api/cases/${caseId}`, send("PATCH", { status: "escalated" }));
    expect(inv.status).toBe(403);
    const lead = await ctx.as("lead")(
      `/api/cases/${caseId}`,
      send("PATCH", { status: "escalated", assignee: "test-lead" }),
    );
    expect(lead.status).toBe(200);
    expect(lead.body).toMatchObject({ status: "escalated", assignee: "test-lead" });
    const referred = await ctx.api(`/api/cases/${caseId}`, send("PATCH", { status: "referred" }));
    expect(referred.body.status).toBe("referred");
  });

  it("pins members and their identifiers only", async () => {
    const ok = await ctx.api(
      `/api/cases/${caseId}`,
      send("PATCH", { pin_applications: ["R-002", "R-001"], pin_identifiers: ["payment:acct-farm-0042"] }),
    );
    expect(ok.body).toMatchObject({
      pinned_applications: ["R-001", "R-002"],
      pinned_identifiers: ["payment:acct-farm-0042"],
    });
    expect(ok.body.identifiers.find((i: { ref: string }) => i.ref === "payment:acct-farm-0042").pinned).toBe(true);
    const unpinned = await ctx.api(`/api/cases/${caseId}`, send("PATCH", { unpin_applications: ["R-002"] }));
    expect(unpinned.body.pinned_applications).toEqual(["R-001"]);
    expect((await ctx.api(`/api/cases/${caseId}`, send("PATCH", { pin_applications: ["R-006"] }))).status).toBe(400);
    expect(
      (await ctx.api(`/api/cases/${caseId}`, send("PATCH", { pin_identifiers: ["email:honest1@example.org"] }))).status,
    ).toBe(400);
  });

  it("refuses stale versions, unknown assignees and edits to a closed case", async () => {
    const current = (await ctx.api(`/api/cases/${caseId}`)).body;
    const stale = await ctx.api(
      `/api/cases/${caseId}`,
      send("PATCH", { version: current.version - 1, title: "Too late" }),
    );
    expect(stale.status).toBe(409);
    const fresh = await ctx.api(
      `/api/cases/${caseId}`,
      send("PATCH", { version: current.version, title: "Farm on Orchard Street" }),
    );
    expect(fresh.status).toBe(200);
    expect(fresh.body.version).toBe(current.version + 1);
    expect((await ctx.api(`/api/cases/${caseId}`, send("PATCH", { assignee: "test-auditor" }))).status).toBe(400);
    expect((await ctx.api(`/api/cases/${caseId}`, send("PATCH", { status: "closed" }))).body.status).toBe("closed");
    expect((await ctx.api(`/api/cases/${caseId}`, send("PATCH", { notes: "more" }))).status).toBe(409);
    const reopened = await ctx.as("investigator")(
      `/api/cases/${caseId}`,
      send("PATCH", { status: "open", notes: "Reopened for more work" }),
    );
    expect(reopened.body).toMatchObject({ status: "open", notes_md: "Reopened for more work" });
  });

  it("keeps a history of every change and records changes and views in the audit trail", async () => {
    const c = (await ctx.as("auditor")(`/api/cases/${caseId}`)).body;
    const actions = c.history.map((e: { action: string }) => e.action);
    expect(actions).toEqual([
      "opened",
      "updated",
      "status_escalated",
      "status_referred",
      "updated",
      "updated",
      "updated",
      "status_closed",
      "status_open",
    ]);
    expect(c.history.map((e: { seq: number }) => e.seq)).toEqual(actions.map((_: string, i: number) => i + 1));
    expect(c.history[2]).toMatchObject({
      actor: "test-lead",
      actor_role: "lead",
      changes: { status: { from: "open", to: "escalated" }, assignee: { from: "test-investigator", to: "test-lead" } },
    });
    expect(c.members).toHaveLength(4); // auditors see what the case holds
    const audit = await ctx.as("auditor")(`/api/audit?target_id=${caseId}&limit=100`);
    const recorded = audit.body.entries.map((e: { action: string }) => e.action);
    expect(recorded.filter((a: string) => a === "case_update")).toHaveLength(8);
    expect(recorded).toContain("case_open");
    expect(recorded).toContain("view_case");
    const status = audit.body.entries.find((e: { details: { status?: unknown } }) => e.details.status);
    expect(status.details.status).toMatchObject({ from: expect.any(String), to: expect.any(String) });
  });

  it("lists cases with filters", async () => {
    const all = await ctx.as("auditor")("/api/cases");
    expect(all.body.total).toBe(2);
    expect(all.body.cases[0]).toMatchObject({ member_count: expect.any(Number), status: expect.any(String) });
    expect((await ctx.api("/api/cases?status=open")).body.total).toBe(2);
    expect((await ctx.api("/api/cases?assignee=test-lead")).body.cases.map((c: { id: string }) => c.id).sort()).toEqual(
      [caseId, "CASE-0002"],
    );
    expect((await ctx.api("/api/cases?assignee=test-investigator")).body.total).toBe(0);
    expect((await ctx.api("/api/cases?q=orchard")).body.total).toBe(1);
    expect((await ctx.api("/api/cases?q=h-0001")).body.total).toBe(1);
  });
});
