/**
 * Screening at intake against the real Neo4j: hand-built cases (a laptop farm, a household, an
 * unrelated applicant, indicators alone, common infrastructure) screened after a real detection run;
 * ingest's reasons for bad input; nothing written without `record`, and an idempotent write with it;
 * the `screen` scope for service tokens; the latest run's id kept until a run finishes; a screen without
 * `record` answered once its audit entry is queued, one with it once the entry is committed.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

import { systemActor } from "../../server/audit/actor.js";
import { normaliseRecord } from "../../server/ingest/record.js";
import { LatestRun } from "../../server/runs/latest-run.js";
import { createTestContext, type TestContext } from "../helpers/context.js";

let ctx: TestContext;
let farmId: string;
let farmPatternPoints: number;
let runId: string;

const rec = (id: string, at: string, name: string, extra: Record<string, unknown> = {}) => ({
  application_id: id,
  submitted_at: at,
  full_name: name,
  email: `${id.toLowerCase()}@mail.example.com`,
  claimed_country: "US",
  ...extra,
});

const FARM_NAMES = ["Anna Kowal", "Brian Osei", "Chen Wei", "Dara Patel", "Eli Moreno"];
const FARM = FARM_NAMES.map((name, i) =>
  rec(`F-${i + 1}`, `2026-03-01T09:${String(10 * i).padStart(2, "0")}:00Z`, name, {
    shipping_address: "12 Harbor Road, Unit 3, Springfield IL",
    payment_account: "tok-farm-1",
    device_id: i % 2 ? "dev-farm-a" : "dev-farm-b",
    ip: "203.0.113.50",
  }),
);
const FAMILY = [
  rec("H-1", "2026-02-01T10:00:00Z", "Maria Lopez", {
    shipping_address: "7 Elm Street, Apt 2, Austin TX",
    ip: "198.51.100.20",
  }),
  rec("H-2", "2026-02-09T18:00:00Z", "Jose Lopez", {
    shipping_address: "7 Elm St Apt 2 Austin TX",
    ip: "198.51.100.20",
  }),
];
const OTHERS = Array.from({ length: 12 }, (_, i) =>
  rec(`U-${i + 1}`, `2026-01-${String(i + 1).padStart(2, "0")}T12:00:00Z`, `Person ${String.fromCharCode(65 + i)}son`),
);
// 61 applicants behind one address: above the IP cap (60), so common infrastructure.
const CAMPUS = Array.from({ length: 61 }, (_, i) =>
  rec(`N-${i + 1}`, `2026-01-20T${String(i % 24).padStart(2, "0")}:00:00Z`, `Student ${i + 1} Q${i}`, {
    ip: "203.0.113.99",
  }),
);

async function post(path: string, body: unknown, as = ctx.api) {
  return as(path, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
}
const screen = (body: unknown, query = "") => post(`/api/screen${query}`, body);
const count = async () => (await ctx.container.repos.applications.counts()).applications;

beforeAll(async () => {
  ctx = await createTestContext();
  const res = await post("/api/ingest", [...FARM, ...FAMILY, ...OTHERS, ...CAMPUS]);
  expect(res.body.accepted).toBe(FARM.length + FAMILY.length + OTHERS.length + CAMPUS.length);
  runId = (await ctx.container.services.runs.runNow("test")).document.run_id;
  const list = await ctx.api("/api/clusters?limit=50");
  const farm = list.body.clusters.find((c: { application_ids: string[] }) => c.application_ids.includes("F-1"));
  expect(farm?.risk_level).toBe("high");
  farmId = farm.id;
  farmPatternPoints = farm.score_breakdown.find((c: { code: string }) => c.code === "patterns").points;
}, 300_000);
afterAll(async () => ctx?.close());

describe("POST /api/screen decisions", () => {
  it("blocks a new persona of a laptop farm, naming the cluster and the identifiers it came through", async () => {
    const before = await count();
    const res = await screen(
      rec("Z-1", "2026-03-01T10:05:00Z", "Zed Quinn", { payment_account: "tok-farm-1", device_id: "DEV-FARM-A " }),
    );
    expect(res.status).toBe(200);
    expect(res.body.decision).toBe("block");
    expect(res.body.run_id).toBe(runId);
    expect(res.body.risk_score).toBeGreaterThanOrEqual(70);
    expect(res.body.linked_clusters[0]).toMatchObject({ id: farmId, risk_level: "high" });
    expect(res.body.linked_clusters[0].via).toEqual(["device:dev-farm-a", "payment:tok-farm-1"]);
    // The farm's own pattern points come with it: detection's formula, not a second one.
    expect(res.body.score_breakdown).toContainEqual({ code: "patterns", points: farmPatternPoints });
    expect(res.body.score_breakdown.find((c: { code: string }) => c.code === "links").points).toBe(32); // 20 + 12
    expect(res.body.reasons.map((r: { code: string }) => r.code)).toEqual(
      expect.arrayContaining(["linked_cluster", "shared_payment", "shared_device"]),
    );
    // Without ?record=true nothing about the applicant is stored.
    expect(await count()).toBe(before);
    expect((await ctx.api("/api/applications/Z-1")).status).toBe(404);
  });

  it("clears a household member: the shared address links, the household explanation outweighs it", async () => {
    const res = await screen(
      rec("Z-2", "2026-02-15T10:00:00Z", "Lucia Lopez", { shipping_address: "7 elm street apt 2, austin, tx" }),
    );
    expect(res.status).toBe(200);
    expect(res.body.linked_applications).toBe(2);
    expect(res.body.decision).toBe("clear");
    expect(res.body.reasons.map((r: { code: string }) => r.code)).toContain("shared_address");
  });

  it("clears an unrelated applicant with nothing to say", async () => {
    const res = await screen(rec("Z-3", "2026-04-01T10:00:00Z", "Nora Field", { phone: "+1 212 555 0199" }));
    expect(res.body).toMatchObject({ decision: "clear", risk_score: 0, linked_clusters: [], watchlist_hits: [] });
    expect(res.body.linked_applications).toBe(0);
  });

  it("scores its own indicators: a malformed phone and a hosting IP are 10 + 12 points", async () => {
    const res = await screen(rec("Z-4", "2026-04-02T10:00:00Z", "Omar Hale", { phone: "12345", ip: "167.99.10.20" }));
    expect(res.body.indicators).toEqual(expect.arrayContaining(["malformed_phone", "hosting_ip"]));
    expect(res.body.score_breakdown).toEqual([{ code: "indicators", points: 22 }]);
    expect(res.body.risk_score).toBe(22);
    expect(res.body.decision).toBe("clear");
    const hosting = res.body.reasons.find((r: { code: string }) => r.code === "hosting_ip");
    expect(hosting.text).toContain("DigitalOcean");
    expect(hosting.identifiers).toEqual(["ip:167.99.10.20"]);
  });

  it("leaves out common infrastructure: an IP of 61 applicants links nobody", async () => {
    const res = await screen(rec("Z-5", "2026-04-03T10:00:00Z", "Pia Lund", { ip: "203.0.113.99" }));
    expect(res.body.linked_applications).toBe(0);
    expect(res.body.decision).toBe("clear");
    const common = res.body.reasons.find((r: { code: string }) => r.code === "common_infrastructure");
    expect(common.identifiers).toEqual(["ip:203.0.113.99"]);
  });

  it("answers a record ingest would reject with 400 and ingest's own reason", async () => {
    for (const bad of [{ full_name: "No Id" }, [1, 2], { application_id: "B-1", submitted_at: "yesterday" }]) {
      const res = await screen(bad);
      expect(res.status).toBe(400);
      const expected = normaliseRecord(bad);
      expect(expected.ok).toBe(false);
      expect(res.body.error.message).toBe(!expected.ok && expected.reason);
    }
    expect((await screen({ full_name: "No Id" })).body.error.message).toContain("submitted_at is required");
  });

  it("records with ?record=true: ingests once (idempotent) and keeps the decision beside the application", async () => {
    const before = await count();
    const body = rec("Z-6", "2026-03-01T09:55:00Z", "Yara Voss", { payment_account: "tok-farm-1" });
    const first = await screen(body, "?record=true");
    expect(first.body).toMatchObject({ decision: "block", recorded: true });
    const second = await screen(body, "?record=true");
    // It does not link to itself the second time.
    expect(second.body.linked_applications).toBe(first.body.linked_applications);
    expect(second.body.decision).toBe("block");
    expect(await count()).toBe(before + 1);
    expect((await ctx.api("/api/applications/Z-6")).status).toBe(200);
    const stored = await ctx.container.services.screen.recorded("Z-6");
    expect(stored).toMatchObject({ decision: "block", risk_score: second.body.risk_score, run_id: runId });
    // The next run marks the farm's cluster as holding an application blocked at intake.
    await ctx.container.services.runs.runNow("test");
    const farm = await ctx.api(`/api/clusters/${farmId}`);
    expect(farm.body.cluster.application_ids).toContain("Z-6");
    expect(farm.body.cluster.blocked_at_intake).toEqual(["Z-6"]);
  }, 180_000);

  it("is open to service tokens with the screen scope only, and audited", async () => {
    const ok = await post("/api/screen", rec("Z-7", "2026-04-04T10:00:00Z", "Ada Ray"), ctx.as("service"));
    expect(ok.status).toBe(200);
    const { secret } = await ctx.container.services.users.createToken(
      { name: "ingest-only", scopes: ["ingest"] },
      systemActor("test"),
    );
    const denied = await fetch(`${ctx.baseUrl}/api/screen`, {
      method: "POST",
      headers: { authorization: `Bearer ${secret}`, "content-type": "application/json" },
      body: JSON.stringify(rec("Z-8", "2026-04-04T10:00:00Z", "Ada Ray")),
    });
    expect(denied.status).toBe(403);
    const audit = await ctx.as("auditor")("/api/audit?action=screen_application&limit=100");
    const targets = audit.body.entries.map((e: { target: { id: string } }) => e.target.id);
    expect(targets).toEqual(expect.arrayContaining(["Z-1", "Z-7"]));
  });
});

describe("what a screen keeps, and what it waits for", () => {
  const ada = (id: string) => rec(id, "2026-04-05T10:00:00Z", "Ada Ray");

  it("keeps the latest run's id until a run finishes, and notices one finished elsewhere in the background", async () => {
    const current = (await screen(ada("Z-9"))).body.run_id as string;
    const kept = new LatestRun(ctx.db, 60_000);
    expect(await kept.id()).toBe(current);
    const checking = new LatestRun(ctx.db, 0); // checks again (in the background) at every call
    expect(await checking.id()).toBe(current);

    const next = (await ctx.container.services.runs.runNow("test")).document.run_id;
    expect(next).not.toBe(current);
    // Finished by this server: its screens see the new run at once (the runs service tells its LatestRun).
    expect((await screen(ada("Z-10"))).body.run_id).toBe(next);
    // Finished where this LatestRun was not told (as by the detect CLI): kept until told…
    expect(await kept.id()).toBe(current);
    kept.forget();
    expect(await kept.id()).toBe(next);
    // …or, once the kept id is stale, the caller that notices gets it without waiting and later ones the new id.
    expect(await checking.id()).toBe(current);
    await vi.waitFor(async () => expect(await checking.id()).toBe(next), { timeout: 10_000, interval: 20 });
  }, 180_000);

  it("reads links and watchlist in one statement whose every lookup is an index seek (PROFILE)", async () => {
    const body = rec("Z-13", "2026-04-05T10:00:00Z", "Ada Ray", {
      payment_account: "tok-farm-1",
      device_id: "dev-farm-a",
      ip: "203.0.113.50",
      phone: "+1 415 555 0100",
      shipping_address: "12 Harbor Road, Unit 3, Springfield IL",
      profile_url: "https://www.linkedin.com/in/ada-ray",
    });
    const p = await ctx.container.services.screen.profileLookup(body);
    // Named with its details, so a failure says which lookup the planner turned into a scan.
    expect(p.operators.filter((o) => /Scan/.test(o.operator)).map((o) => `${o.operator} ${o.details}`)).toEqual([]);
    const seeks = p.operators.filter((o) => /IndexSeek/.test(o.operator)).map((o) => o.details);
    for (const label of ["Email", "Phone", "IP", "Device", "Profile", "Address", "PaymentAccount", "WatchlistEntry"])
      expect(seeks.some((d) => d.includes(`:${label}`))).toBe(true);
    // Both identifiers the farm shares come back with its applications, in the same rows as the watchlist.
    const screened = await screen(body);
    expect(screened.body.linked_clusters.map((c: { id: string }) => c.id)).toContain(farmId);
    expect(Object.keys(screened.body.timings_ms)).not.toContain("watchlist");
  });

  it("answers without `record` once its audit entry is queued, and with it once the entry is committed", async () => {
    await ctx.container.services.audit.flush();
    const session = ctx.db.driver.session({ database: ctx.db.name });
    // Holds the audit chain head's write lock: no entry can be committed until this transaction ends.
    const tx = session.beginTransaction();
    let answered = false;
    try {
      await tx.run("MATCH (h:AuditHead) SET h.held_by_test = true RETURN count(h) AS n");
      const read = await screen(ada("Z-11"));
      expect(read.status).toBe(200);
      expect(read.body.recorded).toBe(false);
      const write = screen(ada("Z-12"), "?record=true").then((r) => {
        answered = true;
        return r;
      });
      await new Promise((r) => setTimeout(r, 1500));
      expect(answered).toBe(false);
      await tx.rollback();
      expect((await write).status).toBe(200);
    } finally {
      if (tx.isOpen()) await tx.rollback();
      await session.close();
    }
    const audit = await ctx.as("auditor")("/api/audit?action=screen_application&limit=200");
    const targets = audit.body.entries.map((e: { target: { id: string } }) => e.target.id);
    expect(targets).toEqual(expect.arrayContaining(["Z-11", "Z-12"]));
  }, 60_000);
});
