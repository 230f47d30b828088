/**
 * View-state producers and the store: pure transitions, "no change" returns the same object and
 * notifies nobody, the why-linked pair fills sensibly, invalid ranges are refused.
 */
import { describe, expect, it, vi } from "vitest";

import {
  INITIAL_VIEW,
  clearPair,
  forgetNodes,
  hoverNode,
  resetFilters,
  revealAll,
  selectNode,
  setCommonMode,
  setPairSlot,
  setSearch,
  setTimeRange,
  swapPair,
  toggleKind,
} from "../../../client/state/cluster-view.js";
import { createStore } from "../../../client/state/store.js";

describe("producers", () => {
  it("return the same state when nothing changes", () => {
    expect(selectNode(null)(INITIAL_VIEW)).toBe(INITIAL_VIEW);
    expect(hoverNode(null)(INITIAL_VIEW)).toBe(INITIAL_VIEW);
    expect(setCommonMode("dim")(INITIAL_VIEW)).toBe(INITIAL_VIEW);
    expect(setSearch("")(INITIAL_VIEW)).toBe(INITIAL_VIEW);
    expect(setTimeRange(null)(INITIAL_VIEW)).toBe(INITIAL_VIEW);
    expect(clearPair(INITIAL_VIEW)).toBe(INITIAL_VIEW);
    expect(revealAll(INITIAL_VIEW)).toBe(INITIAL_VIEW);
    const ranged = setTimeRange([1, 2])(INITIAL_VIEW);
    expect(setTimeRange([1, 2])(ranged)).toBe(ranged);
  });

  it("toggle kinds without touching the input", () => {
    const a = toggleKind("email")(INITIAL_VIEW);
    expect([...a.hiddenKinds]).toEqual(["email"]);
    expect(INITIAL_VIEW.hiddenKinds.size).toBe(0);
    expect(toggleKind("email")(a).hiddenKinds.size).toBe(0);
  });

  it("refuse an empty time range", () => {
    expect(() => setTimeRange([5, 5])(INITIAL_VIEW)).toThrow(/setTimeRange/);
  });

  it("fill the why-linked pair: first free slot, then B; never the same application twice", () => {
    let s = setPairSlot("application:A-1")(INITIAL_VIEW);
    expect(s.pair).toEqual(["application:A-1", null]);
    expect(setPairSlot("application:A-1")(s)).toBe(s);
    s = setPairSlot("application:A-2")(s);
    expect(s.pair).toEqual(["application:A-1", "application:A-2"]);
    s = setPairSlot("application:A-3")(s);
    expect(s.pair).toEqual(["application:A-1", "application:A-3"]);
    s = setPairSlot("application:A-3", 0)(s);
    expect(s.pair).toEqual(["application:A-3", null]);
    expect(swapPair(s).pair).toEqual([null, "application:A-3"]);
    expect(setPairSlot(null, 0)(s).pair).toEqual([null, null]);
  });

  it("reset filters but keep selection and pair; reveal keeps search", () => {
    const busy = {
      ...INITIAL_VIEW,
      selected: "application:A-1",
      pair: ["application:A-1", null] as const,
      hiddenKinds: new Set(["ip" as const]),
      common: "hide" as const,
      timeRange: [1, 2] as const,
      search: "bob",
    };
    expect(resetFilters(busy)).toMatchObject({
      selected: "application:A-1",
      pair: ["application:A-1", null],
      common: "dim",
      timeRange: null,
      search: "",
    });
    expect(resetFilters(busy).hiddenKinds.size).toBe(0);
    expect(revealAll(busy)).toMatchObject({ common: "dim", timeRange: null, search: "bob" });
  });

  it("forget nodes that left the graph", () => {
    const s = {
      ...INITIAL_VIEW,
      selected: "application:X",
      hovered: "application:X",
      pair: ["application:X", "application:A-1"] as const,
    };
    expect(forgetNodes((n) => n !== "application:X")(s)).toMatchObject({
      selected: null,
      hovered: null,
      pair: [null, "application:A-1"],
    });
    expect(forgetNodes(() => true)(s)).toBe(s);
  });
});

describe("store", () => {
  it("notifies subscribers with the new and previous state, only on change", () => {
    const store = createStore(INITIAL_VIEW);
    const seen = vi.fn();
    const off = store.subscribe(seen);
    store.update(selectNode(null));
    expect(seen).not.toHaveBeenCalled();
    store.update(selectNode("application:A-1"));
    expect(seen).toHaveBeenCalledTimes(1);
    expect(seen.mock.calls[0]![0].selected).toBe("application:A-1");
    expect(seen.mock.calls[0]![1]).toBe(INITIAL_VIEW);
    off();
    store.update(selectNode(null));
    expect(seen).toHaveBeenCalledTimes(1);
    expect(store.get().selected).toBeNull();
  });
});
