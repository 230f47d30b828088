/**
 * Cluster view state
 * ==================
 *
 * Everything about how a cluster is being looked at that is not data: selection, hover, the two
 * applications compared by "why linked", filters (kinds, common infrastructure, time range) and the
 * search text. The graph never holds these. Each change is a named pure producer; the page derives the
 * reducers' view model from the result (client/render/view-model.ts).
 */
import type { NodeKind } from "../graph/kinds.js";
import type { CommonMode } from "../graph/visibility.js";
import type { TimeRange } from "../graph/timeline.js";
import type { Producer } from "./store.js";

export interface ClusterViewState {
  selected: string | null;
  hovered: string | null;
  /** The two applications compared by "why linked" (refs). */
  pair: readonly [string | null, string | null];
  hiddenKinds: ReadonlySet<NodeKind>;
  common: CommonMode;
  timeRange: TimeRange | null;
  search: string;
}

export const INITIAL_VIEW: ClusterViewState = {
  selected: null,
  hovered: null,
  pair: [null, null],
  hiddenKinds: new Set(),
  common: "dim",
  timeRange: null,
  search: "",
};

// Producers

export const selectNode =
  (node: string | null): Producer<ClusterViewState> =>
  (s) =>
    s.selected === node ? s : { ...s, selected: node };

export const hoverNode =
  (node: string | null): Producer<ClusterViewState> =>
  (s) =>
    s.hovered === node ? s : { ...s, hovered: node };

export const toggleKind =
  (kind: NodeKind): Producer<ClusterViewState> =>
  (s) => {
    const hiddenKinds = new Set(s.hiddenKinds);
    if (!hiddenKinds.delete(kind)) hiddenKinds.add(kind);
    return { ...s, hiddenKinds };
  };

export const setCommonMode =
  (common: CommonMode): Producer<ClusterViewState> =>
  (s) =>
    s.common === common ? s : { ...s, common };

export const setTimeRange =
  (range: TimeRange | null): Producer<ClusterViewState> =>
  (s) => {
    if (range && !(range[0] < range[1])) throw new Error(`setTimeRange: empty range [${range[0]}, ${range[1]})`);
    if (s.timeRange === range || (s.timeRange && range && s.timeRange[0] === range[0] && s.timeRange[1] === range[1]))
      return s;
    return { ...s, timeRange: range };
  };

export const setSearch =
  (search: string): Producer<ClusterViewState> =>
  (s) =>
    s.search === search ? s : { ...s, search };

/**
 * Puts an application in a "why linked" slot. Without a slot it fills the first free one (or replaces B),
 * and an application already in one slot is not put in the other.
 */
export const setPairSlot =
  (node: string | null, slot?: 0 | 1): Producer<ClusterViewState> =>
  (s) => {
    const [a, b] = s.pair;
    if (node && (a === node || b === node) && slot === undefined) return s;
    const target = slot ?? (a === null ? 0 : 1);
    const pair: [string | null, string | null] = [a, b];
    pair[target] = node;
    if (node && pair[1 - target] === node) pair[1 - target] = null;
    return pair[0] === a && pair[1] === b ? s : { ...s, pair };
  };

export const swapPair: Producer<ClusterViewState> = (s) => ({ ...s, pair: [s.pair[1], s.pair[0]] });

export const clearPair: Producer<ClusterViewState> = (s) =>
  s.pair[0] === null && s.pair[1] === null ? s : { ...s, pair: [null, null] };

/** Filters back to defaults (selection and pair kept): the "reset view" button. */
export const resetFilters: Producer<ClusterViewState> = (s) => ({
  ...s,
  hiddenKinds: new Set(),
  common: INITIAL_VIEW.common,
  timeRange: null,
  search: "",
});

/** Shows every node again (kinds, time range, hidden common infrastructure), keeping search and selection. */
export const revealAll: Producer<ClusterViewState> = (s) =>
  s.hiddenKinds.size === 0 && s.timeRange === null && s.common !== "hide"
    ? s
    : { ...s, hiddenKinds: new Set(), timeRange: null, common: s.common === "hide" ? "dim" : s.common };

/** Forgets nodes that are no longer in the graph (after a collapse). */
export const forgetNodes =
  (exists: (node: string) => boolean): Producer<ClusterViewState> =>
  (s) => {
    const selected = s.selected && !exists(s.selected) ? null : s.selected;
    const hovered = s.hovered && !exists(s.hovered) ? null : s.hovered;
    const pair = s.pair.map((p) => (p && !exists(p) ? null : p)) as [string | null, string | null];
    if (selected === s.selected && hovered === s.hovered && pair[0] === s.pair[0] && pair[1] === s.pair[1]) return s;
    return { ...s, selected, hovered, pair };
  };
