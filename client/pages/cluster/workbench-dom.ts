/**
 * Workbench page skeleton
 * =======================
 *
 * The cluster page's three columns: the summary ("why this cluster"), the graph column (toolbar,
 * legend above the drawing, canvas, status line, timeline) and the side (first-use help, why linked,
 * details). Built once; the render controller fills the parts. Buttons call the context's actions at
 * click time, so the skeleton can be built before the renderer exists.
 */
import { keyOfRef } from "../../graph/kinds.js";
import { setSearch, setTimeRange } from "../../state/cluster-view.js";
import { h, replace } from "../../ui/dom.js";
import { applyPanelClasses } from "./controllers/panels.js";
import { firstUseHelp } from "./first-use-help.js";
import { summaryPanel } from "./summary-panel.js";
import { createTimeline, type TimelineView } from "./timeline-view.js";
import { createToolbar, type Toolbar } from "./toolbar.js";
import type { WorkbenchContext } from "./workbench-context.js";

export interface WorkbenchDom {
  root: HTMLElement;
  canvas: HTMLElement;
  toolbar: Toolbar;
  legendHost: HTMLElement;
  statusLine: HTMLElement;
  timeline: TimelineView;
  whyHost: HTMLElement;
  detailsHost: HTMLElement;
}

export function buildWorkbenchDom(root: HTMLElement, ctx: Omit<WorkbenchContext, "dom">): WorkbenchDom {
  const { graph, detail } = ctx;
  const act = () => ctx.actions;
  root.classList.toggle("workbench-readonly", Boolean(ctx.opts.readOnly));
  const canvas = h("div", {
    class: "graph-canvas",
    attrs: {
      role: "img",
      "aria-label": `Graph of cluster ${detail.cluster.id}: ${graph.order} nodes, ${graph.size} links`,
    },
  });
  const toolbar = createToolbar({
    search: (text) => act().view(setSearch(text.trim())),
    nextMatch: (step) => act().gotoMatch(step),
    toggleLayout: () => act().toggleLayout(),
    zoom: (f) => act().zoom(f),
    resetView: () => act().resetView(),
    exportPng: () => void act().savePng(),
    toggleSummary: () => act().togglePanel("summary"),
    toggleSide: () => act().togglePanel("side"),
    toggleFullscreen: () => act().setFullscreen(!ctx.store.get().panels.fullscreen),
    toggleIdentities: () => act().toggleIdentities(),
  });
  // The legend sits above the drawing, never over it.
  const legendHost = h("div", { class: "graph-legend" });
  const statusLine = h("div", { class: "graph-status muted small", attrs: { "aria-live": "polite" } });
  // Every application of the cluster, from the payload: a person drawn as one node still counts each
  // of their applications, so the timeline's total matches the header's.
  const timeline = createTimeline(
    detail.graph.nodes
      .filter((n) => n.kind === "application")
      .map((n) => Date.parse(String(n.attributes.submitted_at ?? ""))),
    (range) => act().view(setTimeRange(range)),
  );
  const whyHost = h("div", { class: "why-host" });
  const detailsHost = h("div", { class: "details-panel", attrs: { "aria-live": "polite" } });
  const truncatedNote = detail.graph.truncated
    ? h(
        "div",
        { class: "graph-notice", attrs: { role: "note" } },
        "Large cluster: only identifiers shared inside it (and common infrastructure) are drawn. Expand an application to see the rest.",
      )
    : null;
  const label = (ref: string) => {
    const r = ctx.drawnRef(ref);
    return graph.hasNode(r) ? graph.getNodeAttribute(r, "label") : keyOfRef(ref);
  };
  replace(
    root,
    h(
      "aside",
      { class: "cluster-summary", attrs: { "aria-label": "Why this cluster" } },
      summaryPanel(detail, { focus: (ref) => act().focusRef(ref), label }),
    ),
    h(
      "section",
      { class: "graph-column", attrs: { "aria-label": "Cluster graph" } },
      toolbar.element,
      legendHost,
      h("div", { class: "graph-stage" }, canvas, statusLine, truncatedNote),
      timeline.element,
    ),
    h(
      "aside",
      { class: "cluster-side", attrs: { "aria-label": "Details" } },
      firstUseHelp(() => void 0),
      whyHost,
      detailsHost,
    ),
  );
  applyPanelClasses(root, ctx.store.get().panels);
  return { root, canvas, toolbar, legendHost, statusLine, timeline, whyHost, detailsHost };
}
