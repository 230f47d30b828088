/**
 * Workbench state
 * ===============
 *
 * Everything the cluster workbench shows that is not graph data, in one store: the shareable view
 * (cluster-view.ts), expansions in flight and loaded, the "why linked" explanation, the active search
 * match, the layout's status, the panels and a camera move waiting for the layout to stop. Each change
 * is a named pure transition `(args) => (state) => state`; "no change" returns the same object so the
 * store notifies nobody. `graphVersion` counts changes to the graph's structure (the graph is mutable
 * data outside the store), so memoised selectors (workbench-selectors.ts) know when to recompute.
 */
import type { Explanation } from "../api.js";
import type { ExpansionProgress } from "../graph/expansion.js";
import type { LayoutRun } from "../render/layout.js";
import { forgetNodes, type ClusterViewState } from "./cluster-view.js";
import type { Producer } from "./store.js";

export interface PanelsState {
  summary: boolean;
  side: boolean;
  fullscreen: boolean;
}

export interface WhyLinked {
  explanation: Explanation | null;
  loading: boolean;
  error: unknown;
}

/** A camera move applied when the running layout stops, where the nodes will stay. */
export type PendingFocus =
  { kind: "fit"; nodes: readonly string[] } | { kind: "node"; node: string } | { kind: "match" };

export interface WorkbenchState {
  view: ClusterViewState;
  expansions: ReadonlyMap<string, ExpansionProgress>;
  expanding: ReadonlySet<string>;
  why: WhyLinked;
  /** Index into the search matches; -1 before the first step. */
  activeMatch: number;
  layout: { running: boolean; note: string; last: LayoutRun | null };
  panels: PanelsState;
  pendingFocus: PendingFocus | null;
  graphVersion: number;
}

export function initialWorkbench(view: ClusterViewState, panels: { summary: boolean; side: boolean }): WorkbenchState {
  return {
    view,
    expansions: new Map(),
    expanding: new Set(),
    why: { explanation: null, loading: false, error: null },
    activeMatch: -1,
    layout: { running: false, note: "", last: null },
    panels: { ...panels, fullscreen: false },
    pendingFocus: null,
    graphVersion: 0,
  };
}

type T = Producer<WorkbenchState>;

// View (selection, filters, search, pair): the cluster-view producers, lifted.

/** Applies a cluster-view producer; a new search text starts stepping from its first match again. */
export const viewChanged =
  (producer: Producer<ClusterViewState>): T =>
  (s) => {
    const view = producer(s.view);
    if (view === s.view) return s;
    return { ...s, view, activeMatch: view.search !== s.view.search ? -1 : s.activeMatch };
  };

// Expansion

export const expansionRequested =
  (ref: string): T =>
  (s) => {
    if (s.expanding.has(ref)) return s;
    return { ...s, expanding: new Set(s.expanding).add(ref) };
  };

export const expansionLoaded =
  (ref: string, progress: ExpansionProgress): T =>
  (s) => {
    const expanding = new Set(s.expanding);
    expanding.delete(ref);
    return { ...s, expanding, expansions: new Map(s.expansions).set(ref, progress) };
  };

export const expansionFailed =
  (ref: string): T =>
  (s) => {
    if (!s.expanding.has(ref)) return s;
    const expanding = new Set(s.expanding);
    expanding.delete(ref);
    return { ...s, expanding };
  };

export const expansionCollapsed =
  (ref: string): T =>
  (s) => {
    if (!s.expansions.has(ref)) return s;
    const expansions = new Map(s.expansions);
    expansions.delete(ref);
    return { ...s, expansions };
  };

// Why linked

export const explanationRequested: T = (s) => ({
  ...s,
  why: { explanation: null, loading: true, error: null },
});

export const explanationLoaded =
  (explanation: Explanation): T =>
  (s) => ({ ...s, why: { explanation, loading: false, error: null } });

export const explanationFailed =
  (error: unknown): T =>
  (s) => ({ ...s, why: { explanation: null, loading: false, error } });

export const explanationCleared: T = (s) =>
  s.why.explanation === null && s.why.error === null && !s.why.loading
    ? s
    : { ...s, why: { explanation: null, loading: false, error: null } };

// Search

/** Moves to the next (1) or previous (-1) of `count` matches, wrapping round. */
export const matchStepped =
  (step: 1 | -1, count: number): T =>
  (s) => {
    if (count <= 0) return s;
    return { ...s, activeMatch: (s.activeMatch + step + count) % count };
  };

// Layout

export const layoutStarted: T = (s) => ({ ...s, layout: { ...s.layout, running: true, note: "arranging…" } });

export function layoutNote(run: LayoutRun): string {
  if (run.reason === "settled") return `layout settled (${run.iterations} iterations)`;
  if (run.reason === "budget") return `layout stopped after ${(run.ms / 1000).toFixed(1)} s`;
  return "layout stopped";
}

/** The layout stopped: its note, and the waiting camera move is taken (the caller applies it). */
export const layoutStopped =
  (run: LayoutRun): T =>
  (s) => ({ ...s, layout: { running: false, note: layoutNote(run), last: run }, pendingFocus: null });

export const focusDeferred =
  (focus: PendingFocus | null): T =>
  (s) =>
    s.pendingFocus === focus ? s : { ...s, pendingFocus: focus };

// Panels and full screen

/** Opens or closes a side panel; doing so leaves full screen. */
export const panelToggled =
  (panel: "summary" | "side"): T =>
  (s) => ({ ...s, panels: { ...s.panels, [panel]: !s.panels[panel], fullscreen: false } });

export const fullscreenSet =
  (on: boolean): T =>
  (s) =>
    s.panels.fullscreen === on ? s : { ...s, panels: { ...s.panels, fullscreen: on } };

// Graph structure

/** The graph gained or lost nodes: selectors recompute, and view state forgets nodes that are gone. */
export const graphChanged =
  (exists: (node: string) => boolean): T =>
  (s) => ({ ...viewChanged(forgetNodes(exists))(s), graphVersion: s.graphVersion + 1 });
