/**
 * build-graph: the cluster payload becomes the investigation graph (data only), merging is idempotent,
 * common infrastructure is flagged and pulls weakly, sizes follow degree.
 */
import { describe, expect, it } from "vitest";

import { COMMON_EDGE_WEIGHT, addPayload, buildGraph } from "../../../client/graph/build-graph.js";
import { KIND_STYLES } from "../../../client/graph/kinds.js";
import { edgeKey } from "../../../client/graph/model.js";
import { assignSizesByDegree, sizeFor, sizeScaleFor } from "../../../client/graph/size-by-degree.js";
import { CLUSTER, app, edge, ident } from "./fixtures.js";

describe("buildGraph", () => {
  it("keys nodes by ref and keeps one undirected edge per link", () => {
    const g = buildGraph(CLUSTER);
    expect(g.order).toBe(7);
    expect(g.size).toBe(8);
    expect(g.type).toBe("undirected");
    expect(g.hasEdge(edgeKey("device:d-1", "application:A-1"))).toBe(true);
    expect(g.neighbors("device:d-1").sort()).toEqual(["application:A-1", "application:A-2"]);
  });

  it("holds data, kind, provenance and submission time; no view state", () => {
    const g = buildGraph(CLUSTER);
    const a1 = g.getNodeAttributes("application:A-1");
    expect(a1).toMatchObject({
      kind: "application",
      label: "Alice Archer",
      type: "shape",
      color: KIND_STYLES.application.color,
      origin: "cluster",
      addedBy: [],
      common: false,
      submittedAt: Date.parse("2026-01-01T10:00:00Z"),
    });
    expect(a1.data.application_id).toBe("A-1");
    expect(Object.keys(a1)).not.toContain("highlighted");
    expect(g.getNodeAttribute("device:d-1", "submittedAt")).toBeNull();
  });

  it("flags common infrastructure from the payload or the run's list, and weakens its edges", () => {
    const g = buildGraph(CLUSTER, new Set(["payment:p-1"]));
    expect(g.getNodeAttribute("ip:203.0.113.7", "common")).toBe(true);
    expect(g.getNodeAttribute("payment:p-1", "common")).toBe(true);
    expect(g.getNodeAttribute("device:d-1", "common")).toBe(false);
    expect(g.getEdgeAttributes(edgeKey("application:A-1", "ip:203.0.113.7"))).toMatchObject({
      weight: COMMON_EDGE_WEIGHT,
      common: true,
    });
    expect(g.getEdgeAttributes(edgeKey("application:A-1", "device:d-1"))).toMatchObject({ weight: 1, common: false });
  });

  it("sizes nodes by degree from their kind's base size", () => {
    const g = buildGraph(CLUSTER);
    // device, payment, ip → degree 3; email: degree 1 → base size.
    expect(g.getNodeAttribute("application:A-2", "size")).toBeCloseTo(
      KIND_STYLES.application.baseSize + 1.6 * Math.sqrt(2),
    );
    expect(g.getNodeAttribute("email:alice@example.com", "size")).toBe(KIND_STYLES.email.baseSize);
    expect(sizeFor(5, 10_000)).toBe(18);
  });

  it("draws big graphs smaller, with one scale fixed at build time", () => {
    expect(sizeScaleFor(100)).toBe(1);
    expect(sizeScaleFor(1600)).toBe(0.5);
    expect(sizeScaleFor(50_000)).toBe(0.35);
    const g = buildGraph(CLUSTER);
    expect(g.getAttribute("sizeScale")).toBe(1);
    g.setAttribute("sizeScale", 0.5);
    assignSizesByDegree(g);
    expect(g.getNodeAttribute("email:alice@example.com", "size")).toBe(KIND_STYLES.email.baseSize / 2);
  });

  it("skips unknown kinds and dangling or self edges", () => {
    const g = buildGraph({
      nodes: [
        app("A-1", "A", "2026-01-01T00:00:00Z"),
        { id: "planet:x", kind: "planet" as never, label: "x", attributes: {} },
      ],
      edges: [
        edge("application:A-1", "planet:x"),
        edge("application:A-1", "device:missing"),
        edge("application:A-1", "application:A-1"),
      ],
    });
    expect(g.nodes()).toEqual(["application:A-1"]);
    expect(g.size).toBe(0);
  });
});

describe("addPayload", () => {
  it("is idempotent and records which expansion brought a node in", () => {
    const g = buildGraph(CLUSTER);
    const page = {
      nodes: [ident("device", "d-1"), app("A-9", "Zed", "2026-02-01T00:00:00Z")],
      edges: [edge("application:A-9", "device:d-1")],
    };
    const first = addPayload(g, page, { origin: "expand", addedBy: "device:d-1" });
    expect(first).toEqual({ addedNodes: ["application:A-9"], addedEdges: [edgeKey("application:A-9", "device:d-1")] });
    const again = addPayload(g, page, { origin: "expand", addedBy: "device:d-1" });
    expect(again).toEqual({ addedNodes: [], addedEdges: [] });
    expect(g.getNodeAttributes("application:A-9")).toMatchObject({ origin: "expand", addedBy: ["device:d-1"] });
    // Cluster nodes never take an expansion's tag: collapsing must not remove them.
    expect(g.getNodeAttribute("device:d-1", "addedBy")).toEqual([]);
    addPayload(g, page, { origin: "expand", addedBy: "application:A-1" });
    expect(g.getNodeAttribute("application:A-9", "addedBy")).toEqual(["device:d-1", "application:A-1"]);
  });

  it("keeps the position of a node already drawn", () => {
    const g = buildGraph(CLUSTER);
    g.mergeNodeAttributes("device:d-1", { x: 42, y: -7 });
    addPayload(g, { nodes: [ident("device", "d-1")], edges: [] }, { origin: "expand", addedBy: "x" });
    expect(g.getNodeAttributes("device:d-1")).toMatchObject({ x: 42, y: -7 });
  });
});
