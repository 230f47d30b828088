/**
 * Persisting a run at size: 2,000 clusters of three applications each (6,000 members) written in UNWIND
 * batches, then a second run over the same memberships that must keep every id (unchanged) and, with
 * runsToKeep = 1, delete the first run. Prints the timings it measured.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { RunsRepository } from "../../server/runs/runs.repository.js";
import { createLogger } from "../../server/logger.js";
import { RunsService } from "../../server/runs/runs.service.js";
import { createTestContext, type TestContext } from "../helpers/context.js";
import { cluster, fixedDetect, output, records } from "../unit/runs/fixtures.js";

const CLUSTERS = 2000;
let ctx: TestContext;

const detection = output(
  Array.from({ length: CLUSTERS }, (_, i) =>
    cluster([`P-${3 * i + 1}`, `P-${3 * i + 2}`, `P-${3 * i + 3}`], (i * 37) % 101, {
      shared_identifiers: [`device:dev-${i}`],
      reasons: [
        { code: "shared_device", text: `Three applications used device dev-${i}.`, identifiers: [`device:dev-${i}`] },
        { code: "burst", text: "Submitted within one hour.", identifiers: [] },
      ],
    }),
  ),
);

beforeAll(async () => {
  ctx = await createTestContext();
  const summary = await ctx.container.services.ingest.ingest(
    records("P", CLUSTERS * 3, (i) => ({ device_id: `dev-${Math.floor((i - 1) / 3)}` })),
    "application/json",
  );
  expect(summary.accepted).toBe(CLUSTERS * 3);
}, 300_000);
afterAll(async () => ctx.close());

describe(`persisting ${CLUSTERS} clusters`, () => {
  it("writes them in batches, then keeps every id on an identical second run and retires the first", async () => {
    const repo = new RunsRepository(ctx.db);
    const runs = (runsToKeep: number) =>
      new RunsService({ db: ctx.db, repo, detect: fixedDetect(detection), log: createLogger("silent"), runsToKeep });

    let t = performance.now();
    const first = await runs(10).runNow("bench");
    const firstTotal = (performance.now() - t) / 1000;
    expect(first.document.clusters).toHaveLength(CLUSTERS);
    expect(await repo.clusterCount(first.document.run_id)).toBe(CLUSTERS);

    t = performance.now();
    const second = await runs(1).runNow("bench");
    const secondTotal = (performance.now() - t) / 1000;
    expect(second.diff.counts).toMatchObject({ unchanged: CLUSTERS, new: 0, dissolved: 0 });
    expect(second.document.clusters.map((c) => c.id)).toEqual(first.document.clusters.map((c) => c.id));
    expect(second.deletedRuns).toEqual([first.document.run_id]);
    expect(await repo.clusterCount(first.document.run_id)).toBe(0);

    const detail = await ctx.api(`/api/clusters/${second.document.clusters[0]!.id}`);
    expect(detail.body.members).toHaveLength(3);
    const page = await ctx.api("/api/clusters?limit=1");
    expect(page.body.total).toBe(CLUSTERS);

    console.log(
      `[runs-persist] ${CLUSTERS} clusters / ${CLUSTERS * 3} members: first run persist ${first.timings.persist}s ` +
        `(run total ${firstTotal.toFixed(2)}s); second run persist ${second.timings.persist}s, ` +
        `run total incl. stable ids, diff and deleting the first run ${secondTotal.toFixed(2)}s`,
    );
    expect(first.timings.persist).toBeLessThan(30);
  }, 300_000);
});
