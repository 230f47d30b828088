/**
 * Reducers and view model, in Node without WebGL: hidden nodes and their edges, hover focus, why-linked
 * path focus, dimmed common infrastructure, selection and search emphasis. The graph is never written.
 */
import { describe, expect, it } from "vitest";

import { addPayload, buildGraph } from "../../../client/graph/build-graph.js";
import { KIND_STYLES, MUTED_EDGE_COLOR, MUTED_NODE_COLOR, PATH_COLOR } from "../../../client/graph/kinds.js";
import { edgeKey, type InvestigationGraph } from "../../../client/graph/model.js";
import { makeEdgeReducer, makeNodeReducer, outsideColor, shortLabel } from "../../../client/render/reducers.js";
import { deriveViewModel, type ViewModel } from "../../../client/render/view-model.js";
import { INITIAL_VIEW, type ClusterViewState } from "../../../client/state/cluster-view.js";
import { CLUSTER, app } from "./fixtures.js";

function setup(state: Partial<ClusterViewState>, inputs: Partial<Parameters<typeof deriveViewModel>[2]> = {}) {
  const graph = buildGraph(CLUSTER);
  const view: ViewModel = deriveViewModel(
    graph,
    { ...INITIAL_VIEW, ...state },
    { hidden: new Set(), path: null, matches: [], ...inputs },
  );
  const node = makeNodeReducer(() => view);
  const edge = makeEdgeReducer(graph, () => view);
  return {
    graph,
    view,
    node: (n: string) => node(n, { ...graph.getNodeAttributes(n) }),
    edge: (a: string, b: string) => edge(edgeKey(a, b), { ...graph.getEdgeAttributes(edgeKey(a, b)) }),
  };
}

const snapshot = (g: InvestigationGraph) => JSON.stringify(g.export());

describe("node reducer", () => {
  it("draws a plain node as its data says, with a shortened label", () => {
    const { node, graph } = setup({});
    expect(node("application:A-1")).toMatchObject({
      label: "Alice Archer",
      color: graph.getNodeAttribute("application:A-1", "color"),
      size: graph.getNodeAttribute("application:A-1", "size"),
    });
    expect(node("application:A-1").highlighted).toBeUndefined();
    expect(shortLabel("x".repeat(40))).toHaveLength(32);
  });

  it("hides what the filters hide, with the edges touching it", () => {
    const { node, edge } = setup({}, { hidden: new Set(["device:d-1"]) });
    expect(node("device:d-1").hidden).toBe(true);
    expect(edge("application:A-1", "device:d-1").hidden).toBe(true);
    expect(edge("application:A-2", "payment:p-1").hidden).toBeUndefined();
  });

  it("dims common infrastructure unless it is the focus", () => {
    const { node, edge } = setup({});
    expect(node("ip:203.0.113.7")).toMatchObject({ color: MUTED_NODE_COLOR, label: "" });
    expect(edge("application:A-1", "ip:203.0.113.7").color).toBe(MUTED_EDGE_COLOR);
    const shown = setup({ common: "show" });
    expect(shown.node("ip:203.0.113.7").color).not.toBe(MUTED_NODE_COLOR);
    const hovered = setup({ hovered: "ip:203.0.113.7" });
    expect(hovered.node("ip:203.0.113.7").color).not.toBe(MUTED_NODE_COLOR);
  });

  it("on hover, keeps the node and its neighbours and mutes the rest", () => {
    const { node, edge, view } = setup({ hovered: "device:d-1" });
    expect([...view.focusNodes!].sort()).toEqual(["application:A-1", "application:A-2", "device:d-1"]);
    expect(node("application:A-1").forceLabel).toBe(true);
    expect(node("application:A-3")).toMatchObject({ color: MUTED_NODE_COLOR, label: "" });
    expect(edge("application:A-1", "device:d-1").color).not.toBe(MUTED_EDGE_COLOR);
    expect(edge("application:A-3", "payment:p-1").color).toBe(MUTED_EDGE_COLOR);
  });

  it("draws a why-linked path bold and everything else muted", () => {
    const path = {
      nodes: new Set(["application:A-1", "device:d-1", "application:A-2"]),
      edges: new Set([edgeKey("application:A-1", "device:d-1"), edgeKey("device:d-1", "application:A-2")]),
    };
    const { edge, node, view } = setup({ pair: ["application:A-1", "application:A-2"] }, { path });
    expect(view.focusIsPath).toBe(true);
    expect(edge("application:A-1", "device:d-1")).toMatchObject({ color: PATH_COLOR, size: 3.5 });
    expect(edge("application:A-2", "payment:p-1").color).toBe(MUTED_EDGE_COLOR);
    expect(node("application:A-1")).toMatchObject({ highlighted: true, forceLabel: true });
    expect(node("payment:p-1").color).toBe(MUTED_NODE_COLOR);
  });

  it("emphasises the selection and search matches, and ignores a hovered node that is hidden", () => {
    const { node } = setup({ selected: "application:A-3" }, { matches: ["payment:p-1"] });
    expect(node("application:A-3")).toMatchObject({ highlighted: true, forceLabel: true, zIndex: 2 });
    expect(node("application:A-3").size).toBeGreaterThan(
      buildGraph(CLUSTER).getNodeAttribute("application:A-3", "size"),
    );
    expect(node("payment:p-1").highlighted).toBe(true);
    const hiddenHover = setup({ hovered: "device:d-1" }, { hidden: new Set(["device:d-1"]) });
    expect(hiddenHover.view.focusNodes).toBeNull();
  });

  it("draws nodes from outside the cluster in a lighter shade of their kind's colour", () => {
    const { graph, view } = setup({});
    addPayload(
      graph,
      { nodes: [app("X-1", "Xavier", "2026-03-01T00:00:00Z")], edges: [] },
      { origin: "expand", addedBy: "device:d-1" },
    );
    const reduce = makeNodeReducer(() => view);
    expect(reduce("application:X-1", { ...graph.getNodeAttributes("application:X-1") }).color).toBe(
      outsideColor(KIND_STYLES.application.color),
    );
    expect(outsideColor("#0072B2")).toBe("#80b9d9");
  });

  it("never writes to the graph", () => {
    const s = setup({ hovered: "device:d-1", selected: "application:A-1" });
    const before = snapshot(s.graph);
    for (const n of s.graph.nodes()) s.node(n);
    s.graph.forEachEdge((_, __, a, b) => s.edge(a, b));
    expect(snapshot(s.graph)).toBe(before);
  });
});
