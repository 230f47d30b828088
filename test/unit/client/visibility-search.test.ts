/**
 * Visibility (kind filters, common infrastructure, time range with orphaned identifiers) and search
 * inside the graph (exact, prefix, substring; applications first; accent- and case-insensitive).
 */
import { describe, expect, it } from "vitest";

import { buildGraph } from "../../../client/graph/build-graph.js";
import { searchGraph } from "../../../client/graph/search.js";
import { computeHidden, type VisibilityFilters } from "../../../client/graph/visibility.js";
import { CLUSTER, app, edge } from "./fixtures.js";

const NONE: VisibilityFilters = { hiddenKinds: new Set(), common: "dim", timeRange: null };
const sorted = (s: Set<string>) => [...s].sort();

describe("computeHidden", () => {
  const g = buildGraph(CLUSTER);

  it("hides nothing by default (dimming is the reducers' job)", () => {
    expect(computeHidden(g, NONE).size).toBe(0);
  });

  it("hides switched-off kinds and, when asked, common infrastructure", () => {
    expect(sorted(computeHidden(g, { ...NONE, hiddenKinds: new Set(["email", "device"]) }))).toEqual([
      "device:d-1",
      "email:alice@example.com",
    ]);
    expect(sorted(computeHidden(g, { ...NONE, common: "hide" }))).toEqual(["ip:203.0.113.7"]);
    expect(computeHidden(g, { ...NONE, common: "show" }).size).toBe(0);
  });

  it("hides applications outside the time range and identifiers left without a visible application", () => {
    // [1 Jan, 3 Jan): in, A-3 out; payment p-1 keeps A-2, so it stays.
    const range = [Date.parse("2026-01-01T00:00:00Z"), Date.parse("2026-01-03T00:00:00Z")] as const;
    expect(sorted(computeHidden(g, { ...NONE, timeRange: range }))).toEqual(["application:A-3"]);
    // [2 Jan, 3 Jan): only A-2; A-1's own email goes with it, the device and IP stay (A-2 uses them).
    const narrow = [Date.parse("2026-01-02T00:00:00Z"), Date.parse("2026-01-03T00:00:00Z")] as const;
    expect(sorted(computeHidden(g, { ...NONE, timeRange: narrow }))).toEqual([
      "application:A-1",
      "application:A-3",
      "email:alice@example.com",
    ]);
  });
});

describe("searchGraph", () => {
  const g = buildGraph({
    nodes: [...CLUSTER.nodes, app("A-10", "José Álvarez", "2026-01-05T00:00:00Z")],
    edges: [...CLUSTER.edges, edge("application:A-10", "device:d-1")],
  });

  it("ranks exact, then prefix, then substring; applications first", () => {
    expect(searchGraph(g, "A-1").map((m) => m.node)).toEqual(["application:A-1", "application:A-10"]);
    expect(searchGraph(g, "d-1").map((m) => [m.node, m.rank])).toEqual([["device:d-1", 0]]);
    expect(searchGraph(g, "alice").map((m) => m.node)).toEqual(["application:A-1", "email:alice@example.com"]);
  });

  it("ignores case and accents, and matches identifier values", () => {
    expect(searchGraph(g, "jose alv").map((m) => m.node)).toEqual(["application:A-10"]);
    expect(searchGraph(g, "113.7").map((m) => m.node)).toEqual(["ip:203.0.113.7"]);
    expect(searchGraph(g, "  ")).toEqual([]);
    expect(searchGraph(g, "nobody")).toEqual([]);
  });
});
