/**
 * The small pieces detection is built from, each on a literal input with its answer: union-find,
 * bursts, the offline ASN table, and the evaluation metrics.
 */
import { describe, expect, it } from "vitest";

import { asnTable } from "../../../server/detect/asn-db.js";
import { densestBurst } from "../../../server/detect/burst.js";
import { evaluate } from "../../../server/tools/evaluate.js";
import { DEFAULT_DETECT_OPTIONS, resolveDetectOptions } from "../../../server/detect/options.js";
import { groupBy, UnionFind } from "../../../server/detect/union-find.js";

describe("UnionFind", () => {
  it("joins sets and labels them in order of their smallest element", () => {
    const uf = new UnionFind(6);
    expect(uf.union(4, 5)).toBe(true);
    expect(uf.union(1, 4)).toBe(true);
    expect(uf.union(5, 1)).toBe(false);
    const { label, count } = uf.labels();
    expect(count).toBe(4);
    expect(Array.from(label)).toEqual([0, 1, 2, 3, 1, 1]);
    const g = groupBy(label, count);
    expect(Array.from(g.offset)).toEqual([0, 1, 4, 5, 6]);
    expect(Array.from(g.members)).toEqual([0, 1, 4, 5, 2, 3]);
  });
});

describe("densestBurst", () => {
  const min = 60_000;
  it("finds the window with the most distinct identities", () => {
    const times = [0, 10 * min, 20 * min, 30 * min, 500 * min, 501 * min];
    const who = [1, 2, 3, 3, 4, 4];
    expect(densestBurst(times, who, 60 * min)).toEqual({ applications: 4, identities: 3, start: 0, end: 30 * min });
  });
  it("does not count one person's applications as a burst of several identities", () => {
    expect(densestBurst([0, min, 2 * min], [7, 7, 7], 60 * min).identities).toBe(1);
  });
});

describe("asnTable", () => {
  it("finds the network of IPv4 and IPv6 addresses and records the package version", () => {
    const t = asnTable();
    expect(t.package).toBe("@ip-location-db/asn");
    expect(t.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(t.lookup("172.58.1.1")).toMatchObject({ asn: 21928 });
    expect(t.lookup("2607:fb90::1")).toMatchObject({ asn: 21928 });
    expect(t.lookup("45.76.1.1")).toMatchObject({ asn: 20473 });
    expect(t.lookup("203.0.113.7")).toBeNull();
    expect(t.lookup("not an ip")).toBeNull();
  });
});

describe("evaluate", () => {
  const truth = [
    { application_id: "a", ring_id: "r1", ring_type: "laptop_farm", lookalike: null },
    { application_id: "b", ring_id: "r1", ring_type: "laptop_farm", lookalike: null },
    { application_id: "c", ring_id: "r1", ring_type: "laptop_farm", lookalike: null },
    { application_id: "d", ring_id: "r2", ring_type: "chain", lookalike: null },
    { application_id: "e", ring_id: "r2", ring_type: "chain", lookalike: null },
    { application_id: "f", ring_id: null, ring_type: null, lookalike: "family" },
    { application_id: "g", ring_id: null, ring_type: null, lookalike: null },
  ];
  it("computes application-level, pairwise and per-type figures", () => {
    const r = evaluate(
      [
        { application_ids: ["a", "b", "f"], risk_level: "high" },
        { application_ids: ["d", "e"], risk_level: "medium" },
      ],
      truth,
    );
    expect(r.application).toEqual({ precision: 2 / 3, recall: 2 / 5 });
    // Flagged pairs: ab, af, bf; correct: ab. True pairs: ab ac bc de.
    expect(r.pairwise).toMatchObject({ predictedPairs: 3, correctPairs: 1, truePairs: 4 });
    expect(r.pairwise.f1).toBeCloseTo((2 * (1 / 3) * (1 / 4)) / (1 / 3 + 1 / 4));
    expect(r.ringTypeRecall.laptop_farm).toMatchObject({ hit: 2, total: 3, ringsFound: 1, rings: 1 });
    expect(r.ringTypeRecall.chain).toMatchObject({ hit: 0, total: 2, ringsFound: 0, rings: 1 });
    expect(r.honestFlagged).toMatchObject({ hit: 1, total: 2 });
    expect(r.honestFlaggedByLookalike).toEqual({
      family: { hit: 1, total: 1, rate: 1 },
      none: { hit: 0, total: 1, rate: 0 },
    });
    expect(r.levels).toEqual({ high: 1, medium: 1, low: 0 });
  });
});

describe("resolveDetectOptions", () => {
  it("merges defaults, keeps only known options and rejects inverted thresholds", () => {
    const o = resolveDetectOptions({ seed: 9, groupCap: { ip: 5 } as never, onPhase: () => 0 } as never);
    expect(o.seed).toBe(9);
    expect(o.groupCap).toEqual({ ...DEFAULT_DETECT_OPTIONS.groupCap, ip: 5 });
    expect(Object.keys(o)).not.toContain("onPhase");
    expect(() => resolveDetectOptions({ thresholds: { high: 30, medium: 40 } })).toThrow(/thresholds/);
  });
});
