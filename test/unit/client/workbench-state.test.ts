/**
 * Workbench store: every named transition (expansion, explanation, match stepping, layout, panels,
 * deferred focus, graph changes) as a pure function, "no change" as the same object, and the memoised
 * selectors recomputing only when their inputs change (graphVersion for the mutable graph).
 */
import { describe, expect, it, vi } from "vitest";

import { buildGraph } from "../../../client/graph/build-graph.js";
import type { Explanation } from "../../../client/graph/paths.js";
import { INITIAL_VIEW, selectNode, setSearch, toggleKind } from "../../../client/state/cluster-view.js";
import { createStore } from "../../../client/state/store.js";
import { createWorkbenchSelectors } from "../../../client/state/workbench-selectors.js";
import {
  expansionCollapsed,
  expansionFailed,
  expansionLoaded,
  expansionRequested,
  explanationCleared,
  explanationFailed,
  explanationLoaded,
  explanationRequested,
  focusDeferred,
  fullscreenSet,
  graphChanged,
  initialWorkbench,
  layoutNote,
  layoutStarted,
  layoutStopped,
  matchStepped,
  panelToggled,
  viewChanged,
  type WorkbenchState,
} from "../../../client/state/workbench.js";
import { CLUSTER, app, ident } from "./fixtures.js";

const S0: WorkbenchState = initialWorkbench(INITIAL_VIEW, { summary: true, side: true });
const REF = "device:d-1";
const PROGRESS = { loaded: 25, total: 40, more: 15 };

const EXPLANATION: Explanation = {
  a: "A-1",
  b: "A-2",
  linked: true,
  text: "A-1 and A-2 share device d-1",
  paths: [
    {
      length: 1,
      text: "A-1 and A-2 share device d-1",
      nodes: [
        app("A-1", "Alice", "2026-01-01T00:00:00Z"),
        ident("device", "d-1"),
        app("A-2", "Bob", "2026-01-02T00:00:00Z"),
      ],
    },
  ],
  include_common: false,
  max_degree: 50,
  excluded_common_infrastructure: 0,
};

describe("workbench transitions", () => {
  it("start from the link's view, with panels closed or open as remembered, nothing loaded", () => {
    const s = initialWorkbench({ ...INITIAL_VIEW, search: "bob" }, { summary: false, side: true });
    expect(s.view.search).toBe("bob");
    expect(s.panels).toEqual({ summary: false, side: true, fullscreen: false });
    expect(s.expansions.size + s.expanding.size).toBe(0);
    expect(s.why).toEqual({ explanation: null, loading: false, error: null });
    expect(s).toMatchObject({ activeMatch: -1, pendingFocus: null, graphVersion: 0 });
  });

  it("viewChanged lifts a view producer; a new search restarts match stepping; no change is the same object", () => {
    expect(viewChanged(selectNode(null))(S0)).toBe(S0);
    const stepped = matchStepped(1, 3)(S0);
    const selected = viewChanged(selectNode("application:A-1"))(stepped);
    expect(selected.view.selected).toBe("application:A-1");
    expect(selected.activeMatch).toBe(0);
    expect(viewChanged(setSearch("bob"))(stepped).activeMatch).toBe(-1);
    expect(S0.view.selected).toBeNull();
  });

  it("expansion requested, loaded, failed and collapsed", () => {
    const asked = expansionRequested(REF)(S0);
    expect([...asked.expanding]).toEqual([REF]);
    expect(expansionRequested(REF)(asked)).toBe(asked);
    const loaded = expansionLoaded(REF, PROGRESS)(asked);
    expect(loaded.expanding.size).toBe(0);
    expect(loaded.expansions.get(REF)).toEqual(PROGRESS);
    expect(asked.expansions.size).toBe(0);
    const failed = expansionFailed(REF)(asked);
    expect(failed.expanding.size).toBe(0);
    expect(failed.expansions.size).toBe(0);
    expect(expansionFailed(REF)(S0)).toBe(S0);
    expect(expansionCollapsed(REF)(loaded).expansions.size).toBe(0);
    expect(expansionCollapsed(REF)(S0)).toBe(S0);
  });

  it("explanation requested, loaded, failed and cleared", () => {
    const asked = explanationRequested(explanationLoaded(EXPLANATION)(S0));
    expect(asked.why).toEqual({ explanation: null, loading: true, error: null });
    const loaded = explanationLoaded(EXPLANATION)(asked);
    expect(loaded.why).toEqual({ explanation: EXPLANATION, loading: false, error: null });
    const err = new Error("gone");
    expect(explanationFailed(err)(asked).why).toEqual({ explanation: null, loading: false, error: err });
    expect(explanationCleared(loaded).why).toEqual(S0.why);
    expect(explanationCleared(S0)).toBe(S0);
  });

  it("match stepped wraps round both ways and ignores an empty result", () => {
    let s = matchStepped(1, 3)(S0);
    expect(s.activeMatch).toBe(0);
    s = matchStepped(1, 3)(matchStepped(1, 3)(s));
    expect(s.activeMatch).toBe(2);
    expect(matchStepped(1, 3)(s).activeMatch).toBe(0);
    expect(matchStepped(-1, 3)(S0).activeMatch).toBe(1);
    expect(matchStepped(1, 0)(S0)).toBe(S0);
  });

  it("layout started and stopped, with a note per reason; stopping takes the deferred focus", () => {
    const running = layoutStarted(focusDeferred({ kind: "node", node: "application:A-1" })(S0));
    expect(running.layout).toMatchObject({ running: true, note: "arranging…" });
    expect(running.pendingFocus).toEqual({ kind: "node", node: "application:A-1" });
    const run = { iterations: 120, ms: 2500, reason: "settled" as const };
    const stopped = layoutStopped(run)(running);
    expect(stopped.layout).toEqual({ running: false, note: "layout settled (120 iterations)", last: run });
    expect(stopped.pendingFocus).toBeNull();
    expect(layoutNote({ ...run, reason: "budget" })).toBe("layout stopped after 2.5 s");
    expect(layoutNote({ ...run, reason: "user" })).toBe("layout stopped");
  });

  it("focus deferred until the layout stops, and cleared", () => {
    const f = { kind: "fit" as const, nodes: ["application:A-1", "device:d-1"] };
    const s = focusDeferred(f)(S0);
    expect(s.pendingFocus).toBe(f);
    expect(focusDeferred(f)(s)).toBe(s);
    expect(focusDeferred(null)(s).pendingFocus).toBeNull();
    expect(focusDeferred(null)(S0)).toBe(S0);
  });

  it("panel toggled and full screen set; toggling a panel leaves full screen", () => {
    const full = fullscreenSet(true)(S0);
    expect(full.panels).toEqual({ summary: true, side: true, fullscreen: true });
    expect(fullscreenSet(true)(full)).toBe(full);
    expect(panelToggled("summary")(full).panels).toEqual({ summary: false, side: true, fullscreen: false });
    expect(panelToggled("side")(S0).panels).toEqual({ summary: true, side: false, fullscreen: false });
    expect(fullscreenSet(false)(S0)).toBe(S0);
  });

  it("graph changed bumps the version and forgets nodes that left the graph", () => {
    const s = viewChanged(() => ({
      ...INITIAL_VIEW,
      selected: "application:X",
      pair: ["application:X", "application:A-1"],
    }))(S0);
    const after = graphChanged((n) => n !== "application:X")(s);
    expect(after.graphVersion).toBe(1);
    expect(after.view).toMatchObject({ selected: null, pair: [null, "application:A-1"] });
    const same = graphChanged(() => true)(s);
    expect(same.graphVersion).toBe(1);
    expect(same.view).toBe(s.view);
  });

  it("in a store: one notification per change, none for a transition that changes nothing", () => {
    const store = createStore(S0);
    const seen = vi.fn();
    store.subscribe(seen);
    store.update(expansionFailed(REF));
    store.update(explanationCleared);
    expect(seen).not.toHaveBeenCalled();
    store.update(expansionRequested(REF));
    store.update(expansionLoaded(REF, PROGRESS));
    expect(seen).toHaveBeenCalledTimes(2);
    expect(store.get().expansions.get(REF)).toEqual(PROGRESS);
  });
});

describe("workbench selectors", () => {
  it("recompute the hidden set and the matches only when their inputs change", () => {
    const graph = buildGraph(CLUSTER, new Set(["ip:203.0.113.7"]));
    const sel = createWorkbenchSelectors(graph, { grouped: null });
    const hidden = sel.hidden(S0);
    const hovered = viewChanged((v) => ({ ...v, hovered: "application:A-1" }))(S0);
    expect(sel.hidden(hovered)).toBe(hidden);
    expect(sel.viewModel(hovered)).not.toBe(sel.viewModel(S0));
    const noEmail = viewChanged(toggleKind("email"))(S0);
    expect([...sel.hidden(noEmail)]).toEqual(["email:alice@example.com"]);
    const bob = viewChanged(setSearch("bob"))(S0);
    const m = sel.matches(bob);
    expect(m.map((x) => x.node)).toEqual(["application:A-2"]);
    expect(sel.matches(matchStepped(1, 1)(bob))).toBe(m);
    // The graph changed behind the selectors' back: only a new graphVersion makes them look again.
    graph.addNode("application:A-9", { ...graph.getNodeAttributes("application:A-2"), label: "Bobby Blue" });
    expect(sel.matches(bob)).toBe(m);
    expect(sel.matches(graphChanged(() => true)(bob)).map((x) => x.node)).toContain("application:A-9");
  });

  it("derive the path from the explanation, the status line, the toolbar and the PNG legend", () => {
    const graph = buildGraph(CLUSTER, new Set(["ip:203.0.113.7"]));
    const sel = createWorkbenchSelectors(graph, { grouped: true });
    expect(sel.path(S0)).toBeNull();
    const explained = explanationLoaded(EXPLANATION)(S0);
    expect([...sel.path(explained)!.nodes].sort()).toEqual(["application:A-1", "application:A-2", "device:d-1"]);
    expect(sel.viewModel(explained).focusIsPath).toBe(true);
    expect(sel.status(S0)).toBe("7 of 7 nodes shown · 8 links");
    const hiding = viewChanged((v) => ({ ...v, common: "hide" }))(layoutStarted(S0));
    expect(sel.status(hiding)).toBe("6 of 7 nodes shown · 8 links · arranging…");
    const t = sel.toolbar(fullscreenSet(true)(S0));
    expect(t).toMatchObject({ summaryOpen: false, sideOpen: false, fullscreen: true, identitiesGrouped: true });
    expect(sel.toolbar(S0)).toBe(sel.toolbar(viewChanged(selectNode("application:A-1"))(S0)));
    const legend = sel.legendEntries(S0).map((e) => e.label);
    expect(legend).toContain("Common infrastructure (1)");
    expect(legend.at(-1)).toBe("×N: one person's N applications");
    expect(sel.kindCounts(S0)).toMatchObject({ common: 1, outside: 0 });
    expect(sel.kindCounts(S0).counts.get("application")).toBe(3);
  });
});
