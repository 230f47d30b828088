/**
 * The watchlist against the real Neo4j: entries a lead adds by hand (normalised, with reason and expiry)
 * flag new applications at ingest and at screening; the identifiers of a cluster triaged `confirmed_ring`
 * join it automatically (and leave when the verdict changes), and the next run marks the cluster a new
 * application joined as touching a confirmed ring. Triage verdicts are written with test Cypher in the
 * triage module's shape.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createTestContext, type TestContext } from "../helpers/context.js";

let ctx: TestContext;
let farmId: string;

const rec = (id: string, at: string, name: string, extra: Record<string, unknown> = {}) => ({
  application_id: id,
  submitted_at: at,
  full_name: name,
  email: `${id.toLowerCase()}@mail.example.com`,
  claimed_country: "US",
  ...extra,
});
const FARM = ["Anna Kowal", "Brian Osei", "Chen Wei", "Dara Patel"].map((name, i) =>
  rec(`F-${i + 1}`, `2026-03-01T09:${String(10 * i).padStart(2, "0")}:00Z`, name, {
    shipping_address: "12 Harbor Road, Unit 3, Springfield IL",
    payment_account: "tok-farm-9",
    device_id: "dev-farm-9",
  }),
);

const post = (path: string, body: unknown, as = ctx.api) =>
  as(path, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
const indicatorsOf = async (id: string) => (await ctx.api(`/api/applications/${id}`)).body.props.indicators;

async function verdict(clusterId: string, state: string, applicationIds: string[]) {
  await ctx.db.driver.executeQuery(
    `MERGE (t:Triage {cluster_id: $cluster_id})
     SET t.state = $state, t.application_ids = $ids, t.reason_codes = [], t.patterns = [], t.risk_score = 90,
         t.size = size($ids), t.updated_at = datetime(), t.updated_by = 'test-lead'`,
    { cluster_id: clusterId, state, ids: applicationIds },
    { database: ctx.db.name },
  );
}

beforeAll(async () => {
  ctx = await createTestContext();
  expect((await post("/api/ingest", FARM)).body.accepted).toBe(FARM.length);
  const doc = (await ctx.container.services.runs.runNow("test")).document;
  farmId = doc.clusters.find((c) => c.application_ids.includes("F-1"))!.id;
}, 300_000);
afterAll(async () => ctx?.close());

describe("hand-added entries", () => {
  let entryId: string;

  it("normalise the value, need a reason and a future expiry", async () => {
    const res = await post("/api/watchlist", {
      kind: "device",
      value: "  DEV-Stolen-1 ",
      reason: "laptop reported stolen",
      expires_at: "2099-01-01",
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ ref: "device:dev-stolen-1", source: "manual", reason: "laptop reported stolen" });
    expect(res.body.expires_at).toBe("2099-01-01T00:00:00.000Z");
    entryId = res.body.id;
    const past = await post("/api/watchlist", { kind: "device", value: "x1", reason: "old", expires_at: "2001-01-01" });
    expect(past.status).toBe(400);
    expect((await post("/api/watchlist", { kind: "email", value: "a@b.example", reason: "" })).status).toBe(400);
    expect((await post("/api/watchlist", { kind: "ip", value: "10.0.0.1", reason: "private" })).status).toBe(400);
    const list = await ctx.as("investigator")("/api/watchlist");
    expect(list.body.entries.map((e: { ref: string }) => e.ref)).toContain("device:dev-stolen-1");
  });

  it("flag a new application at ingest (indicator) and at screening (hit, block)", async () => {
    await post("/api/ingest", [
      rec("W-1", "2026-04-01T10:00:00Z", "Iris Novak", { device_id: "dev-stolen-1" }),
      rec("W-2", "2026-04-01T11:00:00Z", "Jon Hale", { device_id: "dev-other" }),
    ]);
    expect(await indicatorsOf("W-1")).toContain("watchlist_hit");
    expect((await indicatorsOf("W-2")) ?? []).not.toContain("watchlist_hit");
    const res = await post(
      "/api/screen",
      rec("W-3", "2026-04-02T10:00:00Z", "Kai Berg", { device_id: "DEV-STOLEN-1" }),
    );
    expect(res.body.decision).toBe("block");
    expect(res.body.watchlist_hits).toEqual([
      expect.objectContaining({
        identifier: "device:dev-stolen-1",
        source: expect.stringContaining("laptop reported stolen"),
      }),
    ]);
  });

  it("stop flagging once removed", async () => {
    expect((await ctx.api(`/api/watchlist/${entryId}`, { method: "DELETE" })).status).toBe(200);
    const res = await post(
      "/api/screen",
      rec("W-4", "2026-04-02T10:00:00Z", "Kai Berg", { device_id: "DEV-STOLEN-1" }),
    );
    expect(res.body.watchlist_hits).toEqual([]);
    expect(res.body.decision).not.toBe("block");
  });
});

describe("hits at screening (read with the links, in one statement)", () => {
  it("name an identifier the graph has never seen, beside the links, and skip expired entries", async () => {
    const fresh = await post("/api/watchlist", {
      kind: "payment",
      value: "tok-never-seen-7",
      reason: "chargeback ring",
    });
    expect(fresh.status).toBe(201);
    const farm = await post("/api/watchlist", { kind: "device", value: "dev-farm-9", reason: "farm laptop" });
    expect(farm.status).toBe(201);
    const old = await post("/api/watchlist", { kind: "email", value: "v-1@mail.example.com", reason: "old tip" });
    expect(old.status).toBe(201);
    // Expired since it was added (the API takes future expiries only).
    await ctx.db.driver.executeQuery(
      "MATCH (w:WatchlistEntry {id: $id}) SET w.expires_at = datetime() - duration('PT1M')",
      { id: old.body.id },
      { database: ctx.db.name },
    );
    const before = (await ctx.container.repos.applications.counts()).applications;
    const res = await post(
      "/api/screen",
      rec("V-1", "2026-04-03T10:00:00Z", "Lena Voss", { payment_account: "tok-never-seen-7", device_id: "dev-farm-9" }),
    );
    expect(res.status).toBe(200);
    expect(res.body.watchlist_hits).toEqual([
      {
        identifier: "device:dev-farm-9",
        source: `added by ${farm.body.added_by}: farm laptop`,
        entry_id: farm.body.id,
      },
      {
        identifier: "payment:tok-never-seen-7",
        source: `added by ${fresh.body.added_by}: chargeback ring`,
        entry_id: fresh.body.id,
      },
    ]);
    expect(res.body.decision).toBe("block");
    expect(res.body.linked_clusters.map((c: { id: string }) => c.id)).toContain(farmId);
    expect(res.body.reasons.find((r: { code: string }) => r.code === "watchlist_hit").identifiers).toEqual([
      "device:dev-farm-9",
      "payment:tok-never-seen-7",
    ]);
    // A screen without `record` writes nothing but its audit entry.
    expect((await ctx.container.repos.applications.counts()).applications).toBe(before);
    for (const e of [fresh, farm, old])
      expect((await ctx.api(`/api/watchlist/${e.body.id}`, { method: "DELETE" })).status).toBe(200);
  });
});

describe("confirmed rings", () => {
  it("put their identifiers on the watchlist, and take them off when the verdict changes", async () => {
    await verdict(
      farmId,
      "confirmed_ring",
      FARM.map((f) => f.application_id),
    );
    const list = await ctx.api("/api/watchlist?limit=500");
    const auto = list.body.entries.filter((e: { source: string }) => e.source === "confirmed_ring");
    const refs = auto.map((e: { ref: string }) => e.ref);
    expect(refs).toEqual(
      expect.arrayContaining(["payment:tok-farm-9", "device:dev-farm-9", "email:f-1@mail.example.com"]),
    );
    expect(auto[0].cluster_id).toBe(farmId);

    await verdict(
      farmId,
      "dismissed",
      FARM.map((f) => f.application_id),
    );
    const after = await ctx.api("/api/watchlist?limit=500");
    expect(after.body.entries.filter((e: { source: string }) => e.source === "confirmed_ring")).toEqual([]);
    await verdict(
      farmId,
      "confirmed_ring",
      FARM.map((f) => f.application_id),
    );
  });

  it("bring the cluster a new application joins back as touching a confirmed ring", async () => {
    await ctx.container.services.watchlist.syncConfirmed();
    const screened = await post(
      "/api/screen",
      rec("W-9", "2026-05-01T10:00:00Z", "Lena Dorn", { payment_account: "tok-farm-9" }),
    );
    expect(screened.body.decision).toBe("block");
    expect(screened.body.watchlist_hits[0].source).toContain(`cluster ${farmId}, confirmed ring`);
    await post("/api/ingest", [rec("W-9", "2026-05-01T10:00:00Z", "Lena Dorn", { payment_account: "tok-farm-9" })]);
    expect(await indicatorsOf("W-9")).toContain("watchlist_hit");
    await ctx.container.services.runs.runNow("test");
    const farm = (await ctx.api(`/api/clusters/${farmId}`)).body.cluster;
    expect(farm.application_ids).toContain("W-9");
    expect(farm.touches_confirmed_ring).toBe(true);
    expect(farm.watchlist_hits).toEqual(["payment:tok-farm-9"]);
  }, 180_000);

  it("do not mark a confirmed ring's own members as touching one", async () => {
    // W-9 is the only member that is not one of the ring's at verdict time.
    const marked = (await ctx.api("/api/clusters?limit=50")).body.clusters.filter(
      (c: { touches_confirmed_ring?: boolean }) => c.touches_confirmed_ring,
    );
    expect(marked.map((c: { id: string }) => c.id)).toEqual([farmId]);
    await verdict(farmId, "confirmed_ring", [...FARM.map((f) => f.application_id), "W-9"]);
    await ctx.container.services.runs.runNow("test");
    const farm = (await ctx.api(`/api/clusters/${farmId}`)).body.cluster;
    expect(farm.touches_confirmed_ring).toBeUndefined();
  }, 180_000);
});
