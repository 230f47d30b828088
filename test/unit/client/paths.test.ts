/**
 * Why-linked paths: chains merge into the graph (even through applications outside the cluster) and
 * become the nodes and edges to highlight; clearing removes only what the explanation added.
 */
import { describe, expect, it } from "vitest";

import { buildGraph } from "../../../client/graph/build-graph.js";
import { collapseExpansion } from "../../../client/graph/expansion.js";
import { edgeKey } from "../../../client/graph/model.js";
import { addExplanation, pathHighlight, pathTag, type Explanation } from "../../../client/graph/paths.js";
import { CLUSTER, app, ident } from "./fixtures.js";

const explanation = (paths: Explanation["paths"]): Explanation => ({
  a: "A-1",
  b: "A-3",
  linked: paths.length > 0,
  text: paths[0]?.text ?? "not linked",
  paths,
  include_common: false,
  max_degree: 50,
  excluded_common_infrastructure: 1,
});

const VIA_CLUSTER = {
  length: 2,
  text: "A-1 and A-2 share device d-1; A-2 and A-3 share payment account p-1",
  nodes: [
    app("A-1", "Alice", "2026-01-01T00:00:00Z"),
    ident("device", "d-1"),
    app("A-2", "Bob", "2026-01-02T00:00:00Z"),
    ident("payment", "p-1"),
    app("A-3", "Carol", "2026-01-09T00:00:00Z"),
  ],
};
const VIA_OUTSIDER = {
  length: 2,
  text: "A-1 and Z-9 share phone +12025550101; Z-9 and A-3 share device d-9",
  nodes: [
    app("A-1", "Alice", "2026-01-01T00:00:00Z"),
    ident("phone", "+12025550101"),
    app("Z-9", "Zoe", "2025-12-01T00:00:00Z"),
    ident("device", "d-9"),
    app("A-3", "Carol", "2026-01-09T00:00:00Z"),
  ],
};

describe("pathHighlight", () => {
  it("collects every chain's nodes and consecutive edges", () => {
    const h = pathHighlight(explanation([VIA_CLUSTER]));
    expect([...h.nodes]).toEqual([
      "application:A-1",
      "device:d-1",
      "application:A-2",
      "payment:p-1",
      "application:A-3",
    ]);
    expect([...h.edges].sort()).toEqual(
      [
        edgeKey("application:A-1", "device:d-1"),
        edgeKey("device:d-1", "application:A-2"),
        edgeKey("application:A-2", "payment:p-1"),
        edgeKey("payment:p-1", "application:A-3"),
      ].sort(),
    );
  });

  it("is empty when the two are not linked", () => {
    const h = pathHighlight(explanation([]));
    expect(h.nodes.size + h.edges.size).toBe(0);
  });
});

describe("addExplanation", () => {
  it("adds chain nodes missing from the cluster, tagged so clearing removes them", () => {
    const g = buildGraph(CLUSTER);
    const ex = explanation([VIA_CLUSTER, VIA_OUTSIDER]);
    const added = addExplanation(g, ex);
    expect(added.addedNodes.sort()).toEqual(["application:Z-9", "device:d-9", "phone:+12025550101"]);
    for (const e of pathHighlight(ex).edges) expect(g.hasEdge(e)).toBe(true);
    collapseExpansion(g, pathTag("A-1", "A-3"));
    expect(g.order).toBe(7);
    expect(g.size).toBe(8);
  });
});
