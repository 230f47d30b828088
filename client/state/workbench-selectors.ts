/**
 * Workbench selectors
 * ===================
 *
 * Values derived from the workbench state and the graph, memoised (reselect) so that a hover recomputes
 * the reducers' view model but not the hidden set or the search, and so that the page redraws a part
 * only when its value changed (a new reference). The graph is mutable data outside the store: every
 * selector that reads it depends on `graphVersion`, which the effects bump after changing the graph.
 */
import { createSelector } from "reselect";

import { KIND_STYLES, MUTED_NODE_COLOR, NODE_KINDS, type NodeKind } from "../graph/kinds.js";
import type { InvestigationGraph } from "../graph/model.js";
import { pathHighlight } from "../graph/paths.js";
import { searchGraph } from "../graph/search.js";
import { computeHidden } from "../graph/visibility.js";
import type { LegendEntry } from "../render/export-png.js";
import { deriveViewModel } from "../render/view-model.js";
import { formatNumber, plural } from "../ui/format.js";
import type { WorkbenchState } from "./workbench.js";

/** Search matches kept for stepping through; more are not useful to step through one by one. */
export const MAX_MATCHES = 50;

export interface KindCounts {
  counts: ReadonlyMap<NodeKind, number>;
  common: number;
  /** Nodes brought in by expand or why-linked, not members of the cluster. */
  outside: number;
}

const graphVersion = (s: WorkbenchState) => s.graphVersion;
const view = (s: WorkbenchState) => s.view;

/** One set of selectors per page: they close over its graph and whether identities are grouped. */
export function createWorkbenchSelectors(graph: InvestigationGraph, opts: { grouped: boolean | null }) {
  const hidden = createSelector(
    [graphVersion, (s) => s.view.hiddenKinds, (s) => s.view.common, (s) => s.view.timeRange],
    (_v, hiddenKinds, common, timeRange) => computeHidden(graph, { hiddenKinds, common, timeRange }),
  );

  const matches = createSelector([graphVersion, (s: WorkbenchState) => s.view.search], (_v, search) =>
    searchGraph(graph, search, MAX_MATCHES),
  );

  const path = createSelector([(s: WorkbenchState) => s.why.explanation], (ex) => (ex ? pathHighlight(ex) : null));

  const viewModel = createSelector([view, hidden, path, matches], (v, h, p, m) =>
    deriveViewModel(graph, v, { hidden: h, path: p, matches: m.map((x) => x.node) }),
  );

  const kindCounts = createSelector([graphVersion], (): KindCounts => {
    const counts = new Map<NodeKind, number>();
    let common = 0;
    let outside = 0;
    graph.forEachNode((_, a) => {
      counts.set(a.kind, (counts.get(a.kind) ?? 0) + 1);
      if (a.common) common++;
      if (a.origin !== "cluster") outside++;
    });
    return { counts, common, outside };
  });

  const status = createSelector(
    [graphVersion, hidden, (s: WorkbenchState) => s.layout.note],
    (_v, h, note) =>
      `${formatNumber(graph.order - h.size)} of ${plural(graph.order, "node")} shown · ${plural(graph.size, "link")}${note ? ` · ${note}` : ""}`,
  );

  const toolbar = createSelector(
    [
      (s: WorkbenchState) => s.layout.running,
      (s: WorkbenchState) => s.panels,
      (s: WorkbenchState) => s.view.search,
      matches,
      (s: WorkbenchState) => s.activeMatch,
    ],
    (layoutRunning, panels, search, m, activeMatch) => ({
      layoutRunning,
      search,
      matches: m,
      activeMatch,
      summaryOpen: panels.summary && !panels.fullscreen,
      sideOpen: panels.side && !panels.fullscreen,
      fullscreen: panels.fullscreen,
      identitiesGrouped: opts.grouped,
    }),
  );

  const why = createSelector([(s: WorkbenchState) => s.view.pair, (s: WorkbenchState) => s.why], (pair, w) => ({
    pair,
    ...w,
  }));

  /** What the PNG's legend lists: the kinds drawn, with counts, and the grey of common infrastructure. */
  const legendEntries = createSelector([graphVersion, hidden], (_v, h): LegendEntry[] => {
    const counts = new Map<NodeKind, number>();
    let common = 0;
    graph.forEachNode((n, a) => {
      if (h.has(n)) return;
      counts.set(a.kind, (counts.get(a.kind) ?? 0) + 1);
      if (a.common) common++;
    });
    const out: LegendEntry[] = NODE_KINDS.filter((k) => counts.has(k)).map((k) => ({
      label: `${KIND_STYLES[k].label} (${formatNumber(counts.get(k)!)})`,
      color: KIND_STYLES[k].color,
      shape: KIND_STYLES[k].shape,
    }));
    if (common)
      out.push({ label: `Common infrastructure (${formatNumber(common)})`, color: MUTED_NODE_COLOR, shape: "circle" });
    if (opts.grouped)
      out.push({ label: "×N: one person's N applications", color: KIND_STYLES.application.color, shape: "circle" });
    return out;
  });

  return { hidden, matches, path, viewModel, kindCounts, status, toolbar, why, legendEntries };
}

export type WorkbenchSelectors = ReturnType<typeof createWorkbenchSelectors>;
