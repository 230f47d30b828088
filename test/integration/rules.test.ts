/**
 * Rule precision from verdicts and the as-of backtest against the real Neo4j: verdict counts, precision
 * and Wilson intervals per rule from triage verdicts (written with test Cypher in the triage module's
 * shape); the points in force recorded on a run (detection's score options), moved by the adjustment only
 * when it is on, with the factors recorded beside them; a detection replay over the applications
 * submitted up to a date.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { detectFromDatabase } from "../../server/runs/detect-from-database.js";
import { createLogger } from "../../server/logger.js";
import { lazyDetectFromDatabase as detectWithOptions } from "../../server/runs/detector.js";
import { RunsService } from "../../server/runs/runs.service.js";
import { wilson } from "../../server/rules/wilson.js";
import { createTestContext, type TestContext } from "../helpers/context.js";

let ctx: TestContext;

const rec = (id: string, at: string, name: string, extra: Record<string, unknown> = {}) => ({
  application_id: id,
  submitted_at: at,
  full_name: name,
  email: `${id.toLowerCase()}@mail.example.com`,
  ...extra,
});
// A farm in March; a second one that only forms in May.
const MARCH = ["Anna Kowal", "Brian Osei", "Chen Wei", "Dara Patel"].map((n, i) =>
  rec(`M-${i}`, `2026-03-01T09:${String(10 * i).padStart(2, "0")}:00Z`, n, {
    payment_account: "tok-m",
    device_id: "dev-m",
    ip: "167.99.10.20",
  }),
);
const MAY = ["Eli Moreno", "Fay Fox", "Gus Gray"].map((n, i) =>
  rec(`Y-${i}`, `2026-05-0${i + 1}T09:00:00Z`, n, { payment_account: "tok-y", device_id: "dev-y" }),
);

async function verdict(id: string, state: string, codes: string[], patterns: string[] = []) {
  await ctx.db.driver.executeQuery(
    `CREATE (t:Triage {cluster_id: $id, state: $state, reason_codes: $codes, patterns: $patterns, application_ids: [],
                       risk_score: 80, size: 3, updated_at: datetime(), updated_by: 'test-lead'})`,
    { id, state, codes, patterns },
    { database: ctx.db.name },
  );
}

beforeAll(async () => {
  ctx = await createTestContext();
  const res = await ctx.api("/api/ingest", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify([...MARCH, ...MAY]),
  });
  expect(res.body.accepted).toBe(MARCH.length + MAY.length);
}, 300_000);
afterAll(async () => ctx?.close());

describe("GET /api/rules", () => {
  it("counts confirmed and dismissed clusters per rule, with precision and a Wilson interval", async () => {
    for (let i = 0; i < 3; i++)
      await verdict(`C-${i}`, "confirmed_ring", ["shared_payment", "farm_shared_payroll"], ["laptop_farm"]);
    await verdict("C-3", "dismissed", ["shared_payment", "household"]);
    await verdict("C-4", "in_review", ["shared_payment"]);
    await verdict("C-5", "dismissed", ["major_not_offered", "shared_ip"]);
    const res = await ctx.as("auditor")("/api/rules");
    expect(res.status).toBe(200);
    expect(res.body.verdicts).toEqual({ confirmed: 3, dismissed: 2 });
    const rule = (code: string) => res.body.rules.find((r: { code: string }) => r.code === code);
    const [lo, hi] = wilson(3, 4);
    expect(rule("shared_payment")).toMatchObject({
      confirmed: 3,
      dismissed: 1,
      precision: 0.75,
      points: 20,
      factor: 1,
    });
    expect(rule("shared_payment").interval[0]).toBeCloseTo(lo, 3);
    expect(rule("shared_payment").interval[1]).toBeCloseTo(hi, 3);
    // Patterns count through the cluster's patterns; education through either of its reason codes.
    expect(rule("laptop_farm")).toMatchObject({ confirmed: 3, dismissed: 0, family: "patterns" });
    expect(rule("education_inconsistent")).toMatchObject({ confirmed: 0, dismissed: 1 });
    expect(rule("household")).toMatchObject({ confirmed: 0, dismissed: 1, honest: true, points: -25 });
    expect(rule("shared_email")).toMatchObject({ confirmed: 0, dismissed: 0, precision: null, interval: null });
    expect(res.body.other_reason_codes.map((r: { code: string }) => r.code)).toEqual(["farm_shared_payroll"]);
    expect(res.body.adjustment).toMatchObject({ enabled: false, minVerdicts: 10 });
  });

  it("records the points in force on every run, and moves them only with the adjustment on", async () => {
    // Twelve more confirmed rings that came from hosting networks: enough verdicts to move the rule.
    for (let i = 0; i < 12; i++) await verdict(`H-${i}`, "confirmed_ring", ["hosting_ip"]);
    const plain = await ctx.container.services.runs.runNow("test");
    const run = await ctx.api(`/api/runs/${plain.document.run_id}`);
    // The points in force are detection's options, recorded on every run; no adjustment without the switch.
    expect(run.body.parameters.verdict_adjustment).toBeNull();
    expect(run.body.parameters.score.indicatorPoints.hosting_ip).toBe(12);

    const rules = ctx.container.services.rules;
    const options = await rules.detectOptions(true);
    const adjusted = await detectFromDatabase(ctx.db, options);
    const factor = (12 + 10) / (12 + 20) / 0.5; // (hits + m·p0) / (n + m) / p0
    const recorded = adjusted.parameters.verdict_adjustment as {
      rules: Record<string, { factor: number; confirmed: number; dismissed: number }>;
    };
    expect(recorded.rules.hosting_ip).toMatchObject({ confirmed: 12, dismissed: 0 });
    expect(recorded.rules.hosting_ip!.factor).toBeCloseTo(factor, 3);
    expect(recorded.rules.shared_payment!.factor).toBe(1); // 4 verdicts: below the minimum
    const score = adjusted.parameters.score as {
      indicatorPoints: { hosting_ip: number };
      kindPoints: { payment: number };
    };
    expect(score.indicatorPoints.hosting_ip).toBeCloseTo(12 * factor, 2);
    expect(score.kindPoints.payment).toBe(20);
    const march = (clusters: { application_ids: string[]; score_breakdown?: { code: string; points: number }[] }[]) =>
      clusters.find((c) => c.application_ids.includes("M-0"))!.score_breakdown!.find((b) => b.code === "indicators")!;
    const before = march(plain.document.clusters);
    const after = march(adjusted.clusters);
    // Only the hosting-IP share of the family moves (12 points × factor); the burst's 8 do not.
    expect(after.points).toBeCloseTo(Math.min(30, before.points + 12 * (factor - 1)), 1);
    expect(after.points).toBeGreaterThan(before.points);

    // A run with the adjustment on records the adjusted points and the factors; screening then scores
    // with that run's points (a hosting IP alone: 12 × factor).
    const runs = new RunsService({
      db: ctx.db,
      repo: ctx.container.repos.runs,
      detect: detectWithOptions,
      log: createLogger("silent"),
      runsToKeep: 10,
      prepare: () => rules.detectOptions(true),
    });
    const adjustedRun = await runs.runNow("test");
    const stored = await ctx.api(`/api/runs/${adjustedRun.document.run_id}`);
    expect(stored.body.parameters.score.indicatorPoints.hosting_ip).toBeCloseTo(12 * factor, 2);
    expect(stored.body.parameters.verdict_adjustment.rules.hosting_ip.factor).toBeCloseTo(factor, 3);
    const screened = await ctx.api("/api/screen", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(rec("S-1", "2026-06-01T10:00:00Z", "Sam Hill", { ip: "167.99.10.21" })),
    });
    expect(screened.body.run_id).toBe(adjustedRun.document.run_id);
    expect(screened.body.score_breakdown).toEqual([{ code: "indicators", points: Math.round(12 * factor * 10) / 10 }]);
  }, 180_000);
});

describe("as-of replay", () => {
  it("detects over the applications submitted up to the date only", async () => {
    const april = await detectFromDatabase(ctx.db, { asOf: "2026-04-30T23:59:59.999Z" });
    expect(april.stats.applications).toBe(MARCH.length);
    expect(april.clusters.map((c) => c.application_ids)).toEqual([MARCH.map((m) => m.application_id)]);
    const now = await detectFromDatabase(ctx.db, {});
    expect(now.clusters.map((c) => c.application_ids[0]).sort()).toEqual(["M-0", "Y-0"]);
  }, 180_000);
});
