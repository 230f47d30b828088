/**
 * Triage against the real Neo4j: verdicts on clusters carried across runs by the stable id, the queue's
 * triage state and filter, "grown since dismissed", the duplicate-case warning, the case's live cluster
 * and where a retired cluster's applications went. Two rings: R (4 applications) and S (4, on other
 * infrastructure), so a later ingest can grow one and merge the other into it.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { TriageRepository } from "../../server/triage/triage.repository.js";
import { caseworkData } from "../helpers/casework.js";
import { createTestContext, type TestContext } from "../helpers/context.js";

let ctx: TestContext;
type Cluster = { id: string; application_ids: string[]; triage_state?: string; case_ids?: string[] };
let ring: Cluster;
let other: Cluster;

const send = (method: string, body: unknown) => ({
  method,
  headers: { "content-type": "application/json" },
  body: JSON.stringify(body),
});

/** Ring S: its own device, address and payment account, so it is a cluster apart from ring R. */
function ringS(n: number, opts: { joinR?: boolean } = {}) {
  return caseworkData({ ring: n, honest: 0, prefix: "S" }).records.map((r, i) => ({
    ...r,
    device_id: opts.joinR ? "FARM-DEVICE-7" : "S-DEVICE-1",
    shipping_address: opts.joinR ? r.shipping_address : "5 Elm Road, Dayton, OH 45402",
    payment_account: opts.joinR ? r.payment_account : "acct-s-ring",
    email: `s.ring${i}@mailbox.example.com`,
    phone: `+1 937 555 ${String(2000 + i)}`,
    ip: `203.0.113.${50 + i}`,
  }));
}

async function ingest(records: unknown[]) {
  expect((await ctx.api("/api/ingest", send("POST", records))).status).toBe(200);
  await ctx.container.services.runs.runNow("test");
}

async function clusters(query = ""): Promise<Cluster[]> {
  const res = await ctx.api(`/api/clusters?limit=100${query}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.clusters;
}

const holding = (cs: Cluster[], app: string) => cs.find((c) => c.application_ids.includes(app));

beforeAll(async () => {
  ctx = await createTestContext();
  await ingest([...caseworkData({ ring: 4, honest: 10 }).records, ...ringS(4)]);
  const cs = await clusters();
  ring = holding(cs, "R-001")!;
  other = holding(cs, "S-001")!;
  expect(ring.id).not.toBe(other.id);
  await ctx.credentials("investigator");
  await ctx.credentials("auditor");
}, 120_000);
afterAll(async () => ctx.close());

describe("triage verdicts", () => {
  it("starts every cluster as new, with no cases", async () => {
    for (const c of await clusters()) expect(c).toMatchObject({ triage_state: "new", case_ids: [] });
    const t = (await ctx.api(`/api/clusters/${ring.id}/triage`)).body;
    expect(t).toMatchObject({
      cluster_id: ring.id,
      state: "new",
      case_ids: [],
      history: [],
      grown_since_dismissed: false,
    });
  });

  it("refuses a dismissal without a reason, a reason on another state and an unknown state", async () => {
    const put = (body: unknown) => ctx.as("investigator")(`/api/clusters/${ring.id}/triage`, send("PUT", body));
    expect((await put({ state: "dismissed" })).status).toBe(400);
    expect((await put({ state: "in_review", reason: "household" })).status).toBe(400);
    expect((await put({ state: "dismissed", reason: "other" })).status).toBe(400); // "other" needs a note
    expect((await put({ state: "closed" })).status).toBe(400);
    expect((await put({ state: "dismissed", reason: "nope" })).status).toBe(400);
    expect((await ctx.api(`/api/clusters/C-NOPE/triage`, send("PUT", { state: "in_review" }))).status).toBe(404);
    expect((await ctx.api(`/api/clusters/C-NOPE/triage`)).status).toBe(404);
    expect(
      (await ctx.as("auditor")(`/api/clusters/${ring.id}/triage`, send("PUT", { state: "in_review" }))).status,
    ).toBe(403);
  });

  it("records a dismissal with the cluster as judged, its history and an audit entry", async () => {
    const put = (body: unknown) => ctx.as("investigator")(`/api/clusters/${ring.id}/triage`, send("PUT", body));
    expect((await put({ state: "in_review" })).status).toBe(200);
    const res = await put({ state: "dismissed", reason: "household", note: "  Two siblings and their parents  " });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      state: "dismissed",
      reason: "household",
      note: "Two siblings and their parents",
      updated_by: "test-investigator",
      triage_state: "dismissed",
      grown_since_dismissed: false,
    });
    expect(res.body.history.map((e: { state: string }) => e.state)).toEqual(["in_review", "dismissed"]);
    // The stored verdict keeps the cluster as it was judged (what screening and rule precision read).
    const row = await new TriageRepository(ctx.db).get(ring.id);
    const listed = holding(await clusters(), "R-001")!;
    expect(row.triage).toMatchObject({
      cluster_id: ring.id,
      state: "dismissed",
      reason: "household",
      application_ids: ring.application_ids,
      size: 4,
      run_id: (await ctx.api("/api/clusters")).body.run_id,
    });
    expect(row.triage!.reason_codes.length).toBeGreaterThan(0);
    expect(row.triage!.patterns).toEqual((listed as unknown as { patterns: string[] }).patterns);
    const audit = await ctx.as("auditor")(`/api/audit?action=triage_update&target_id=${ring.id}`);
    expect(audit.body.entries.map((e: { details: { state: string } }) => e.details.state)).toEqual([
      "dismissed",
      "in_review",
    ]);
    expect(audit.body.entries[0]).toMatchObject({
      target: { type: "cluster", id: ring.id },
      details: { reason: "household" },
    });
  });

  it("filters the queue by triage state, one state or several", async () => {
    expect((await clusters("&triage=dismissed")).map((c) => c.id)).toEqual([ring.id]);
    const open = (await clusters("&triage=new,in_review")).map((c) => c.id);
    expect(open).toContain(other.id);
    expect(open).not.toContain(ring.id);
    const page = await ctx.api("/api/clusters?triage=confirmed_ring");
    expect(page.body).toMatchObject({ clusters: [], total: 0 });
    expect(page.body.run_id).toBeTruthy(); // no match is not "no run"
    expect((await ctx.api("/api/clusters?triage=maybe")).status).toBe(400);
  });

  it("carries the verdict to the next run by the stable id, and brings a dismissed cluster back when it grows", async () => {
    await ctx.container.services.runs.runNow("test"); // same data: same cluster, same verdict
    expect(holding(await clusters(), "R-001")).toMatchObject({ id: ring.id, triage_state: "dismissed" });
    await ingest(caseworkData({ ring: 6, honest: 0 }).records.slice(4)); // join the ring
    const grown = holding(await clusters(), "R-001")!;
    expect(grown).toMatchObject({ id: ring.id, triage_state: "grown_since_dismissed" });
    expect((await clusters("&triage=grown_since_dismissed")).map((c) => c.id)).toEqual([ring.id]);
    const t = (await ctx.api(`/api/clusters/${ring.id}/triage`)).body;
    expect(t).toMatchObject({ state: "dismissed", grown_since_dismissed: true, triage_state: "grown_since_dismissed" });
    expect(t.added_since_verdict.sort()).toEqual(["R-005", "R-006"]);
  });

  it("takes a cluster back to new, keeping the history", async () => {
    const res = await ctx.api(`/api/clusters/${ring.id}/triage`, send("PUT", { state: "new" }));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ state: "new", reason: null, triage_state: "new" });
    expect(res.body.history.map((e: { state: string }) => e.state)).toEqual(["in_review", "dismissed", "new"]);
    expect((await new TriageRepository(ctx.db).get(ring.id)).triage).toBeNull();
    expect(holding(await clusters(), "R-001")!.triage_state).toBe("new");
  });
});

describe("cases on a triaged cluster", () => {
  let first: string;

  it("shows an open case as the triage state when no verdict is set", async () => {
    const opened = await ctx.api("/api/cases", send("POST", { cluster_id: ring.id }));
    expect(opened.status).toBe(201);
    first = opened.body.id;
    expect(holding(await clusters(), "R-001")).toMatchObject({ triage_state: "case_open", case_ids: [first] });
    expect((await ctx.api(`/api/clusters/${ring.id}/triage`)).body.case_ids).toEqual([first]);
    // A verdict wins over the derived state; the case ids stay listed.
    await ctx.api(`/api/clusters/${ring.id}/triage`, send("PUT", { state: "confirmed_ring" }));
    expect(holding(await clusters(), "R-001")).toMatchObject({ triage_state: "confirmed_ring", case_ids: [first] });
  });

  it("answers 409 with the existing case before opening a second one, unless confirmed", async () => {
    const again = await ctx.as("investigator")("/api/cases", send("POST", { cluster_id: ring.id }));
    expect(again.status).toBe(409);
    expect(again.body.error.details.case_ids).toEqual([first]);
    expect(again.body.error.message).toContain(first);
    const anyway = await ctx.as("investigator")(
      "/api/cases",
      send("POST", { cluster_id: ring.id, confirm_duplicate: true }),
    );
    expect(anyway.status).toBe(201);
    expect(anyway.body.history[0].changes.duplicate_of).toEqual([first]);
    // A closed case does not count.
    for (const id of [first, anyway.body.id]) {
      const v = (await ctx.api(`/api/cases/${id}`)).body.version;
      expect((await ctx.api(`/api/cases/${id}`, send("PATCH", { status: "closed", version: v }))).status).toBe(200);
    }
    const third = await ctx.api("/api/cases", send("POST", { cluster_id: ring.id }));
    expect(third.status).toBe(201);
    expect(holding(await clusters(), "R-001")!.case_ids).toEqual([third.body.id]);
  });

  it("tells a case what changed in its live cluster since it was opened", async () => {
    const opened = (await ctx.api("/api/clusters/" + other.id + "/triage")).body;
    expect(opened.case_ids).toEqual([]);
    const c = (await ctx.api("/api/cases", send("POST", { cluster_id: other.id }))).body;
    expect(c.live_cluster).toMatchObject({ cluster_id: other.id, present: true, added: [], removed: [] });
    // Ring S now uses ring R's device, address and account: the two rings merge into one cluster.
    await ingest(ringS(4, { joinR: true }));
    const merged = holding(await clusters(), "S-001")!;
    expect(merged.application_ids).toContain("R-001");
    const live = (await ctx.api(`/api/cases/${c.id}`)).body.live_cluster;
    if (merged.id === other.id) {
      expect(live.present).toBe(true);
      expect(live.added.sort()).toEqual(merged.application_ids.filter((a) => a.startsWith("R-")).sort());
    } else {
      expect(live).toMatchObject({ present: false, added: [], removed: [] });
    }
  });

  it("points a retired cluster to the clusters holding its applications now", async () => {
    const latest = await clusters();
    const merged = holding(latest, "S-001")!;
    const retired = [ring.id, other.id].find((id) => !latest.some((c) => c.id === id))!;
    expect(retired, "the merge retires one of the two ids").toBeTruthy();
    const res = await ctx.api(`/api/clusters/${retired}/successors`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      cluster_id: retired,
      current: false,
      run_id: (await ctx.api("/api/clusters")).body.run_id,
      unclustered: 0,
      clusters: [{ id: merged.id, size: merged.application_ids.length }],
    });
    expect(res.body.clusters[0].held).toBe(res.body.application_count);
    const kept = await ctx.api(`/api/clusters/${merged.id}/successors`);
    expect(kept.body).toMatchObject({ current: true, clusters: [{ id: merged.id }] });
    expect((await ctx.api(`/api/clusters/C-NEVER/successors`)).status).toBe(404);
  });
});
