/**
 * Expand / "N more" / collapse: collapse removes exactly what one expansion added, never cluster nodes
 * nor what another expansion still needs.
 */
import { describe, expect, it } from "vitest";

import { buildGraph } from "../../../client/graph/build-graph.js";
import {
  addNeighbourhood,
  collapseExpansion,
  progressAfter,
  type NeighbourhoodPage,
} from "../../../client/graph/expansion.js";
import { edgeKey } from "../../../client/graph/model.js";
import { CLUSTER, app, edge, ident } from "./fixtures.js";

const devicePage = (offset: number, ids: string[], total: number): NeighbourhoodPage => ({
  node: ident("device", "d-1"),
  neighbours: ids.map((id) => app(id, id, "2026-03-01T00:00:00Z")),
  edges: ids.map((id) => edge(`application:${id}`, "device:d-1")),
  total,
  offset,
  more: Math.max(0, total - offset - ids.length),
});

describe("expand", () => {
  it("adds the new neighbours and counts progress across pages", () => {
    const g = buildGraph(CLUSTER);
    const p1 = devicePage(0, ["A-1", "A-2", "X-1"], 5);
    const added = addNeighbourhood(g, p1);
    expect(added.addedNodes).toEqual(["application:X-1"]);
    const progress1 = progressAfter(undefined, p1);
    expect(progress1).toEqual({ loaded: 3, total: 5, more: 2 });
    const p2 = devicePage(3, ["X-2", "X-3"], 5);
    addNeighbourhood(g, p2);
    expect(progressAfter(progress1, p2)).toEqual({ loaded: 5, total: 5, more: 0 });
    expect(g.hasNode("application:X-3")).toBe(true);
  });

  it("marks expanded identifiers the run judged common", () => {
    const g = buildGraph(CLUSTER);
    addNeighbourhood(
      g,
      {
        node: app("A-1", "Alice Archer", "2026-01-01T10:00:00Z"),
        neighbours: [ident("ip", "198.51.100.1")],
        edges: [edge("application:A-1", "ip:198.51.100.1")],
        total: 1,
        offset: 0,
        more: 0,
      },
      new Set(["ip:198.51.100.1"]),
    );
    expect(g.getNodeAttribute("ip:198.51.100.1", "common")).toBe(true);
  });
});

describe("collapseExpansion", () => {
  it("removes only what the expansion added", () => {
    const g = buildGraph(CLUSTER);
    addNeighbourhood(g, devicePage(0, ["A-1", "X-1", "X-2"], 3));
    expect(g.order).toBe(9);
    const dropped = collapseExpansion(g, "device:d-1");
    expect(dropped.sort()).toEqual(["application:X-1", "application:X-2"]);
    expect(g.order).toBe(7);
    expect(g.hasEdge(edgeKey("application:A-1", "device:d-1"))).toBe(true);
    expect(g.hasNode("device:d-1")).toBe(true);
  });

  it("keeps a node another expansion still needs", () => {
    const g = buildGraph(CLUSTER);
    addNeighbourhood(g, devicePage(0, ["X-1"], 1));
    addNeighbourhood(g, {
      node: ident("payment", "p-1"),
      neighbours: [app("X-1", "X-1", "2026-03-01T00:00:00Z")],
      edges: [edge("application:X-1", "payment:p-1")],
      total: 1,
      offset: 0,
      more: 0,
    });
    collapseExpansion(g, "device:d-1");
    expect(g.hasNode("application:X-1")).toBe(true);
    expect(g.hasEdge(edgeKey("application:X-1", "device:d-1"))).toBe(false);
    expect(g.hasEdge(edgeKey("application:X-1", "payment:p-1"))).toBe(true);
    collapseExpansion(g, "payment:p-1");
    expect(g.hasNode("application:X-1")).toBe(false);
  });
});
