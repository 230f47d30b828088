/**
 * Visibility
 * ==========
 *
 * Which nodes the current filters hide: node kinds switched off, common infrastructure when hidden,
 * applications outside the brushed time range and identifiers left with no visible application by that
 * range. Computed once per filter change into a set the reducers look up, so drawing stays O(1) a node.
 */
import type { NodeKind } from "./kinds.js";
import type { InvestigationGraph } from "./model.js";
import { inRange, type TimeRange } from "./timeline.js";

export type CommonMode = "dim" | "hide" | "show";

export interface VisibilityFilters {
  hiddenKinds: ReadonlySet<NodeKind>;
  common: CommonMode;
  timeRange: TimeRange | null;
}

export function computeHidden(graph: InvestigationGraph, f: VisibilityFilters): Set<string> {
  const hidden = new Set<string>();
  graph.forEachNode((node, a) => {
    if (f.hiddenKinds.has(a.kind)) hidden.add(node);
    else if (a.common && f.common === "hide") hidden.add(node);
    else if (a.kind === "application" && !inRange(a.submittedAt, f.timeRange)) hidden.add(node);
  });
  if (f.timeRange) {
    graph.forEachNode((node, a) => {
      if (a.kind === "application" || hidden.has(node)) return;
      let anyApp = false;
      let anyVisibleApp = false;
      graph.forEachNeighbor(node, (n, na) => {
        if (na.kind !== "application") return;
        anyApp = true;
        if (!hidden.has(n)) anyVisibleApp = true;
      });
      if (anyApp && !anyVisibleApp) hidden.add(node);
    });
  }
  return hidden;
}
