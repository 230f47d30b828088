/**
 * Incremental detection on seeded data: a full pass over a population, then a batch (new applications
 * and re-ingested ones with changed details) detected incrementally from the first pass's memo, must give
 * exactly what a fresh full pass over the whole population gives: same clusters, scores, reasons, order.
 */
import { beforeAll, describe, expect, it } from "vitest";

import { generatePopulation } from "../../../seed/generate.js";
import type { ContractRecord } from "../../../seed/types.js";
import { detectClusters } from "../../../server/detect/detect.js";
import { defaultEnvironment } from "../../../server/detect/environment.js";
import { inputFromRecords } from "../../../server/tools/records-input.js";
import type { DetectionOutput } from "../../../server/detect/types.js";

const env = defaultEnvironment();
const run = (records: ContractRecord[], opts: Parameters<typeof detectClusters>[1] = {}) =>
  detectClusters(inputFromRecords(records, env).input, { environment: env, ...opts });
const comparable = (o: DetectionOutput) => ({
  clusters: o.clusters,
  common: o.commonInfrastructure,
  louvain: o.parameters.louvain_runs,
});

describe("incremental detection", () => {
  let records: ContractRecord[];
  beforeAll(() => {
    records = [...generatePopulation({ apps: 4000, seed: 42 })].map((x) => x.record);
  });

  it("equals a fresh full pass after new applications and changed ones", () => {
    const base = records.slice(0, 3600);
    // The batch: the last 400 applications, and 40 earlier ones re-ingested with a new phone or without a device.
    const changedOld = base
      .filter((_, i) => i % 90 === 3)
      .map((r, k) =>
        k % 2 ? { ...r, phone: `+1415555${String(2000 + k).padStart(4, "0")}` } : { ...r, device_id: undefined },
      );
    const batch = [...records.slice(3600), ...changedOld];
    const first = run(base, { remember: true });
    expect(first.memo!.components.size).toBeGreaterThan(50);
    const all = [...base, ...batch];
    const changed = new Set(batch.map((r) => r.application_id));
    const incremental = run(all, { previous: { memo: first.memo!, changed } });
    const fresh = run(all);
    expect(comparable(incremental)).toEqual(comparable(fresh));
    // It reused most components and recomputed the ones the batch touched.
    expect(incremental.stats.components_reused).toBeGreaterThan(incremental.stats.components_recomputed!);
    expect(incremental.stats.components_recomputed).toBeGreaterThan(0);
    expect(fresh.stats.components_reused).toBe(0);
    // The same when the caller names the changed applications by index (a patched input's part), not by id.
    const input = inputFromRecords(all, env).input;
    const changedIndexes = input.apps.ids.flatMap((id, a) => (changed.has(id) ? [a] : []));
    expect(changedIndexes.length).toBeGreaterThan(100);
    const byIndex = detectClusters(input, {
      environment: env,
      previous: { memo: first.memo!, changed, changedIndexes },
    });
    expect(comparable(byIndex)).toEqual(comparable(fresh));
    expect(byIndex.stats.components_recomputed).toBe(incremental.stats.components_recomputed);
  });

  it("recomputes nothing when nothing changed", () => {
    const first = run(records, { remember: true });
    const again = run(records, { previous: { memo: first.memo!, changed: new Set() } });
    expect(again.stats.components_recomputed).toBe(0);
    expect(comparable(again)).toEqual(comparable(first));
  });
});
