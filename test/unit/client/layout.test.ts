/**
 * Layout pieces that run without a browser: the settle criterion, the ForceAtlas2 matrices (checked
 * against graphology-layout-forceatlas2's own iteration), renderer settings scaled to graph size, and
 * deterministic initial positions.
 */
import forceAtlas2 from "graphology-layout-forceatlas2";
import iterate from "graphology-layout-forceatlas2/iterate.js";
import { describe, expect, it } from "vitest";

import { buildGraph } from "../../../client/graph/build-graph.js";
import { assignInitialLayout, createRng, placeAround } from "../../../client/graph/initial-layout.js";
import { PPN, positionsOf, toLayoutMatrices } from "../../../client/render/fa2-matrices.js";
import { layoutSettings } from "../../../client/render/layout-settings.js";
import { createSettleTracker, relativeDisplacement } from "../../../client/render/layout-settle.js";
import {
  DEFAULT_RENDERER_SETTINGS,
  layoutBudget,
  resolveRendererSettings,
  scaledSettings,
} from "../../../client/render/settings.js";
import { CLUSTER } from "./fixtures.js";

describe("settle criterion", () => {
  it("measures mean displacement relative to the layout's diagonal", () => {
    // Both points move 0.5 to the right; the new box is 3 × 4 (diagonal 5) → 0.5 / 5.
    expect(relativeDisplacement([0, 0, 3, 4], [0.5, 0, 3.5, 4])).toBeCloseTo(0.1);
    expect(relativeDisplacement([], [])).toBe(0);
    expect(relativeDisplacement([1, 1], [1, 1])).toBe(0);
  });

  it("settles after enough calm iterations, not before the minimum, and restarts the count on a jump", () => {
    const t = createSettleTracker({ threshold: 0.01, patience: 2, minIterations: 4 });
    const still = [0, 0, 10, 10];
    expect(t.observe(still)).toBe(false); // 1: no previous
    expect(t.observe(still)).toBe(false); // 2: calm 1
    expect(t.observe([5, 5, 10, 10])).toBe(false); // 3: a jump resets
    expect(t.observe([5, 5, 10, 10])).toBe(false); // 4: calm 1
    expect(t.observe([5, 5, 10, 10])).toBe(true); // 5: calm 2
    expect(t.iterations).toBe(5);
    expect(t.lastDisplacement).toBe(0);
  });
});

describe("ForceAtlas2 matrices", () => {
  it("lay nodes and edges out as the library's iterate expects, with mass from weighted degree", () => {
    const g = buildGraph(CLUSTER);
    assignInitialLayout(g);
    const m = toLayoutMatrices(g);
    expect(m.order).toEqual(g.nodes());
    expect(m.nodes.length).toBe(g.order * PPN);
    const i = m.order.indexOf("application:A-1") * PPN;
    // device (1) + ip (common, 0.05) + email (1) → mass 1 + 2.05.
    expect(m.nodes[i + 6]).toBeCloseTo(3.05);
    expect(m.nodes[i]).toBeCloseTo(g.getNodeAttribute("application:A-1", "x"));
    expect(m.edges.length).toBe(g.size * 3);
    const before = positionsOf(m.nodes);
    for (let k = 0; k < 20; k++) iterate(layoutSettings(g.order), m.nodes, m.edges);
    const after = positionsOf(m.nodes);
    expect(after.every(Number.isFinite)).toBe(true);
    expect(relativeDisplacement(before, after)).toBeGreaterThan(0);
  });

  it("uses inferSettings with hubs pushed out, complete for iterate", () => {
    const s = layoutSettings(5000);
    expect(s).toMatchObject({
      ...forceAtlas2.inferSettings(5000),
      outboundAttractionDistribution: true,
      barnesHutTheta: 0.5,
    });
    expect(s.barnesHutOptimize).toBe(true);
    expect(layoutSettings(100).barnesHutOptimize).toBe(false);
  });
});

describe("renderer settings", () => {
  it("scale with the graph: large graphs hide edges and labels while moving and draw 1-px edges", () => {
    expect(scaledSettings(DEFAULT_RENDERER_SETTINGS, 120, 400)).toMatchObject({
      hideEdgesOnMove: false,
      defaultEdgeType: "line",
    });
    expect(scaledSettings(DEFAULT_RENDERER_SETTINGS, 5000, 20000)).toMatchObject({
      hideEdgesOnMove: true,
      hideLabelsOnMove: true,
      defaultEdgeType: "fast",
      labelRenderedSizeThreshold: DEFAULT_RENDERER_SETTINGS.labelThresholdLarge,
    });
  });

  it("give the layout a budget growing with size, capped", () => {
    expect(layoutBudget(DEFAULT_RENDERER_SETTINGS, 0)).toBe(2500);
    expect(layoutBudget(DEFAULT_RENDERER_SETTINGS, 5000)).toBe(8500);
    expect(layoutBudget(DEFAULT_RENDERER_SETTINGS, 100_000)).toBe(10_000);
  });

  it("validate with a message naming the setting", () => {
    expect(() => resolveRendererSettings({ labelDensity: -1 })).toThrow(/labelDensity/);
    expect(() => resolveRendererSettings({ layoutBudgetMaxMs: 10 })).toThrow(/layoutBudgetMaxMs/);
  });
});

describe("initial layout", () => {
  it("is deterministic and puts a shared identifier between its applications", () => {
    const a = buildGraph(CLUSTER);
    const b = buildGraph({ nodes: [...CLUSTER.nodes].reverse(), edges: CLUSTER.edges });
    assignInitialLayout(a, { rng: createRng(3) });
    assignInitialLayout(b, { rng: createRng(3) });
    for (const n of a.nodes()) {
      expect(b.getNodeAttribute(n, "x")).toBeCloseTo(a.getNodeAttribute(n, "x"));
      expect(b.getNodeAttribute(n, "y")).toBeCloseTo(a.getNodeAttribute(n, "y"));
    }
    const mid = (n: string, m: string, k: "x" | "y") => (a.getNodeAttribute(n, k) + a.getNodeAttribute(m, k)) / 2;
    expect(
      Math.abs(a.getNodeAttribute("device:d-1", "x") - mid("application:A-1", "application:A-2", "x")),
    ).toBeLessThan(3.1);
    // Common infrastructure goes to the outer ring, beyond every application.
    const r = (n: string) => Math.hypot(a.getNodeAttribute(n, "x"), a.getNodeAttribute(n, "y"));
    expect(r("ip:203.0.113.7")).toBeGreaterThan(
      Math.max(r("application:A-1"), r("application:A-2"), r("application:A-3")),
    );
  });

  it("places expanded nodes around the node they came from", () => {
    const g = buildGraph(CLUSTER);
    assignInitialLayout(g);
    g.mergeNodeAttributes("email:alice@example.com", { x: 100, y: 100 });
    placeAround(g, "application:A-1", ["email:alice@example.com"]);
    const { x, y } = g.getNodeAttributes("application:A-1");
    const d = Math.hypot(
      g.getNodeAttribute("email:alice@example.com", "x") - x,
      g.getNodeAttribute("email:alice@example.com", "y") - y,
    );
    expect(d).toBeCloseTo(9, 0);
  });
});
