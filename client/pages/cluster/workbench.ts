/**
 * Cluster workbench
 * =================
 *
 * Wires one cluster view together. Data flows one way: the payload builds the graph (the data); view
 * state lives in a store changed only by named producers; each change derives the hidden set, search
 * matches and view model, and sigma redraws through its reducers (`refresh({ skipIndexation: true })`).
 * Side effects sit at the edges: API calls for expand and why-linked (which add data to the graph), the
 * URL (deep link), the panels, the layout worker and the camera.
 */
import "./cluster-view.css";

import { api, type ClusterDetail, type Explanation } from "../../api.js";
import type { PageContext } from "../../app/registry.js";
import { addExplanation, pathHighlight, pathTag, type PathHighlight } from "../../graph/paths.js";
import { addNeighbourhood, collapseExpansion, progressAfter, type ExpansionProgress } from "../../graph/expansion.js";
import { buildGraph } from "../../graph/build-graph.js";
import { assignGroupedLayout, GROUP_LAYOUT_FROM } from "../../graph/group-layout.js";
import { assignInitialLayout, placeAround } from "../../graph/initial-layout.js";
import { KIND_STYLES, MUTED_NODE_COLOR, NODE_KINDS, keyOfRef, type NodeKind } from "../../graph/kinds.js";
import { collapseByDefault, collapseIdentities, identityGroups } from "../../graph/identities.js";
import type { InvestigationGraph } from "../../graph/model.js";
import { searchGraph, type SearchMatch } from "../../graph/search.js";
import { assignSizesByDegree } from "../../graph/size-by-degree.js";
import { computeHidden } from "../../graph/visibility.js";
import { fitNodes, focusNode, resetCamera, zoomBy } from "../../render/camera.js";
import { createRenderer, type Renderer } from "../../render/create-renderer.js";
import { exportPng, type LegendEntry } from "../../render/export-png.js";
import { LayoutController } from "../../render/layout.js";
import { layoutBudget, resolveRendererSettings } from "../../render/settings.js";
import { deriveViewModel, EMPTY_VIEW_MODEL, type ViewModel } from "../../render/view-model.js";
import {
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
  toggleKind,
  type ClusterViewState,
} from "../../state/cluster-view.js";
import { encodeClusterLink, type ClusterLink } from "../../state/cluster-url.js";
import { createStore } from "../../state/store.js";
import { h, replace } from "../../ui/dom.js";
import { formatDateTime, formatNumber, plural } from "../../ui/format.js";
import { toast } from "../../ui/states.js";
import { EXPAND_PAGE, renderDetails, type DetailsActions } from "./details-panel.js";
import { firstUseHelp } from "./first-use-help.js";
import { legend } from "./legend.js";
import { loadPanels, savePanels, type PanelState } from "./panels.js";
import { summaryPanel } from "./summary-panel.js";
import { createTimeline } from "./timeline-view.js";
import { createToolbar } from "./toolbar.js";
import { whyPanel, type WhyState } from "./why-panel.js";

export interface WorkbenchHandles {
  renderer: Renderer;
  graph: InvestigationGraph;
  layout: LayoutController;
}

declare global {
  interface Window {
    /** Read by the browser tests and the client benchmark (layout progress, counts); not an API. */
    __ringscope?: {
      /** ms from workbench start (payload in hand) to the first frame. */
      firstRenderMs?: number;
      /** performance.now() at the first frame (ms since navigation start). */
      firstRenderAt?: number;
      /** The last layout run; settledAtMs is performance.now() when it stopped. */
      layout?: { iterations: number; ms: number; reason: string; settledAtMs: number } | null;
      nodes?: number;
      edges?: number;
      visibleNodes?: () => number;
      handles?: WorkbenchHandles;
    };
  }
}

export function mountWorkbench(
  root: HTMLElement,
  ctx: PageContext,
  detail: ClusterDetail,
  link: ClusterLink,
  /** A case's frozen picture: `readOnly` (a closed case) adds nothing to the graph; `title` for the tab. */
  opts: { readOnly?: boolean; title?: string } = {},
): () => void {
  const t0 = performance.now();
  root.classList.toggle("workbench-readonly", Boolean(opts.readOnly));
  const settings = resolveRendererSettings();
  const commonRefs = new Set(detail.cluster.common_infrastructure ?? []);
  for (const i of detail.identifiers) if (i.common_infrastructure) commonRefs.add(i.ref);
  // One person's applications as one node: from the URL, else by the cluster's size.
  const groups = identityGroups(detail.graph);
  const grouped = groups.members.size > 0 && (link.identities ?? collapseByDefault(detail.members.length, groups));
  const graph = buildGraph(grouped ? collapseIdentities(detail.graph, groups) : detail.graph, commonRefs);
  /** A member drawn inside its identity's node is reached through the representative. */
  const drawnRef = (ref: string) => (grouped ? (groups.of.get(ref) ?? ref) : ref);
  const panels = loadPanels();
  let fullscreen = false;
  // Big clusters start grouped by community, so the layout refines groups instead of untangling a hairball.
  if (graph.order >= GROUP_LAYOUT_FROM) assignGroupedLayout(graph);
  else assignInitialLayout(graph);
  performance.mark("rs:graph-built");

  const store = createStore<ClusterViewState>(link.view);
  const expansions = new Map<string, ExpansionProgress>();
  const expanding = new Set<string>();
  let why: WhyState = { pair: link.view.pair, explanation: null, loading: false, error: null };
  let path: PathHighlight | null = null;
  let hidden = computeHidden(graph, store.get());
  let matches: SearchMatch[] = searchGraph(graph, store.get().search, 50);
  let activeMatch = -1;
  let view: ViewModel = EMPTY_VIEW_MODEL;
  let layoutNote = "";
  /** A camera move waiting for the running layout to stop (deep links, explanations). */
  let settleFocus: (() => void) | null = null;

  // Layout: page skeleton
  const canvas = h("div", {
    class: "graph-canvas",
    attrs: {
      role: "img",
      "aria-label": `Graph of cluster ${detail.cluster.id}: ${graph.order} nodes, ${graph.size} links`,
    },
  });
  const toolbar = createToolbar({
    search: (text) => store.update(setSearch(text.trim())),
    nextMatch: (step) => gotoMatch(step),
    toggleLayout: () => toggleLayout(),
    zoom: (f) => zoomBy(renderer, f),
    resetView: () => resetView(),
    exportPng: () => void savePng(),
    toggleSummary: () => setPanels({ ...panels, summary: !panels.summary }),
    toggleSide: () => setPanels({ ...panels, side: !panels.side }),
    toggleFullscreen: () => setFullscreen(!fullscreen),
    toggleIdentities: () =>
      ctx.navigate(
        `${window.location.pathname}?${encodeClusterLink({ view: store.get(), run: link.run, identities: !grouped })}`,
        { replace: true },
      ),
  });
  // The legend sits above the drawing, never over it.
  const legendHost = h("div", { class: "graph-legend" });
  const statusLine = h("div", { class: "graph-status muted small", attrs: { "aria-live": "polite" } });
  const timeline = createTimeline(
    graph
      .filterNodes((_, a) => a.kind === "application" && a.origin === "cluster")
      .map((n) => graph.getNodeAttribute(n, "submittedAt") ?? NaN),
    (range) => store.update(setTimeRange(range)),
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
  replace(
    root,
    h(
      "aside",
      { class: "cluster-summary", attrs: { "aria-label": "Why this cluster" } },
      summaryPanel(detail, {
        focus: (ref) => focusRef(ref),
        label: (ref) => (graph.hasNode(drawnRef(ref)) ? graph.getNodeAttribute(drawnRef(ref), "label") : keyOfRef(ref)),
      }),
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
  applyPanels();

  // Renderer
  const renderer = createRenderer(graph, canvas, () => view, settings);
  performance.mark("rs:renderer-created");
  const layout = new LayoutController(graph, {
    onStart: () => {
      layoutNote = "arranging…";
      renderToolbar();
      renderStatus();
    },
    onStop: (run) => {
      layoutNote =
        run.reason === "settled"
          ? `layout settled (${run.iterations} iterations)`
          : run.reason === "budget"
            ? `layout stopped after ${(run.ms / 1000).toFixed(1)} s`
            : "layout stopped";
      window.__ringscope = { ...window.__ringscope, layout: { ...run, settledAtMs: performance.now() } };
      const focus = settleFocus;
      settleFocus = null;
      focus?.();
      renderToolbar();
      renderStatus();
    },
  });

  // Derivations
  function recomputeView(): void {
    view = deriveViewModel(graph, store.get(), { hidden, path, matches: matches.map((m) => m.node) });
    renderer.refresh({ skipIndexation: true });
  }

  function renderToolbar(): void {
    const s = store.get();
    toolbar.update({
      layoutRunning: layout.isRunning(),
      search: s.search,
      matches,
      activeMatch,
      summaryOpen: panels.summary && !fullscreen,
      sideOpen: panels.side && !fullscreen,
      fullscreen,
      identitiesGrouped: groups.members.size > 0 ? grouped : null,
    });
  }

  // Panels and full screen: classes on the layout; sigma is told its container changed size.
  function applyPanels(): void {
    root.classList.toggle("summary-collapsed", !panels.summary || fullscreen);
    root.classList.toggle("side-collapsed", !panels.side || fullscreen);
    root.closest(".page-cluster")?.classList.toggle("graph-fullscreen", fullscreen);
    document.body.classList.toggle("rs-graph-fullscreen", fullscreen);
  }

  function resized(): void {
    // The grid has reflowed by the next frame.
    requestAnimationFrame(() => {
      if (ctx.signal.aborted) return;
      renderer.resize();
      renderer.refresh({ skipIndexation: true });
    });
  }

  function setPanels(next: PanelState): void {
    panels.summary = next.summary;
    panels.side = next.side;
    savePanels(panels);
    if (fullscreen) fullscreen = false;
    applyPanels();
    renderToolbar();
    resized();
  }

  function setFullscreen(on: boolean): void {
    fullscreen = on;
    applyPanels();
    renderToolbar();
    resized();
  }

  function renderLegend(): void {
    const counts = new Map<NodeKind, number>();
    let common = 0;
    let outside = 0;
    graph.forEachNode((_, a) => {
      counts.set(a.kind, (counts.get(a.kind) ?? 0) + 1);
      if (a.common) common++;
      if (a.origin !== "cluster") outside++;
    });
    const s = store.get();
    const open = legendHost.querySelector("details")?.open ?? true;
    replace(
      legendHost,
      legend(
        { counts, commonCount: common, outsideCount: outside, hiddenKinds: s.hiddenKinds, common: s.common },
        { toggleKind: (k) => store.update(toggleKind(k)), setCommon: (m) => store.update(setCommonMode(m)) },
      ),
    );
    legendHost.querySelector("details")!.open = open;
  }

  /** What the PNG's legend lists: the kinds drawn, with counts, and the grey of common infrastructure. */
  function legendEntries(): LegendEntry[] {
    const counts = new Map<NodeKind, number>();
    let common = 0;
    graph.forEachNode((n, a) => {
      if (hidden.has(n)) return;
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
    if (grouped)
      out.push({ label: "×N: one person's N applications", color: KIND_STYLES.application.color, shape: "circle" });
    return out;
  }

  function renderStatus(): void {
    const visible = graph.order - hidden.size;
    statusLine.textContent = `${formatNumber(visible)} of ${plural(graph.order, "node")} shown · ${plural(graph.size, "link")}${layoutNote ? ` · ${layoutNote}` : ""}`;
  }

  const detailsActions: DetailsActions = {
    select: (ref) => selectRef(ref),
    focus: (ref) => focusRef(ref),
    expand: (ref) => void expand(ref),
    collapse: (ref) => collapse(ref),
    setPair: (ref, slot) => store.update(setPairSlot(ref, slot)),
  };

  function renderSide(): void {
    const s = store.get();
    renderDetails(
      detailsHost,
      s.selected,
      { graph, detail, expansions, expanding, pair: s.pair, signal: ctx.signal },
      detailsActions,
    );
  }

  function labelOf(ref: string): string {
    if (graph.hasNode(ref)) {
      const a = graph.getNodeAttributes(ref);
      return a.kind === "application" && a.label !== keyOfRef(ref) ? `${a.label} (${keyOfRef(ref)})` : a.label;
    }
    return keyOfRef(ref);
  }

  function renderWhy(): void {
    replace(
      whyHost,
      whyPanel(why, {
        run: () => void explain(),
        clear: () => {
          clearExplanation();
          store.update(clearPair);
        },
        clearSlot: (slot) => store.update(setPairSlot(null, slot)),
        select: (ref) => selectRef(ref),
        label: labelOf,
      }),
    );
  }

  // Actions
  function selectRef(ref: string | null): void {
    ref = ref ? drawnRef(ref) : ref;
    store.update(selectNode(ref));
    if (ref && graph.hasNode(ref)) focusNode(renderer, ref);
  }

  function focusRef(ref: string): boolean {
    ref = drawnRef(ref);
    if (!graph.hasNode(ref)) {
      toast(`${ref} is not drawn in this view`);
      return false;
    }
    if (hidden.has(ref)) store.update(revealAll);
    selectRef(ref);
    return true;
  }

  function gotoMatch(step: 1 | -1): void {
    if (!matches.length) return;
    activeMatch = (activeMatch + step + matches.length) % matches.length;
    const m = matches[activeMatch]!;
    if (hidden.has(m.node)) store.update(revealAll);
    store.update(selectNode(m.node));
    focusNode(renderer, m.node, 0.2);
    renderToolbar();
  }

  function toggleLayout(): void {
    if (layout.isRunning()) layout.stop();
    else layout.start(layoutBudget(settings, graph.order));
  }

  function resetView(): void {
    store.update(resetFilters);
    resetCamera(renderer);
  }

  async function savePng(): Promise<void> {
    try {
      await exportPng(
        renderer,
        `Ringscope · cluster ${detail.cluster.id} · run ${detail.run_id} · ${formatDateTime(Date.now())}`,
        `ringscope-${detail.cluster.id}`,
        legendEntries(),
      );
      toast("Saved the view as PNG");
    } catch (err) {
      toast(`Export failed: ${(err as Error).message}`, "error");
    }
  }

  function structureChanged(touched: string[]): void {
    assignSizesByDegree(graph, {}, touched);
    hidden = computeHidden(graph, store.get());
    matches = searchGraph(graph, store.get().search, 50);
    store.update(forgetNodes((n) => graph.hasNode(n)));
    recomputeView();
    renderLegend();
    renderStatus();
  }

  async function expand(ref: string): Promise<void> {
    if (opts.readOnly) return void toast("This case is closed: its picture is read-only");
    if (expanding.has(ref)) return;
    expanding.add(ref);
    renderSide();
    try {
      const previous = expansions.get(ref);
      const page = await api.neighbours(ref, EXPAND_PAGE, previous?.loaded ?? 0, ctx.signal);
      if (ctx.signal.aborted) return;
      const added = addNeighbourhood(graph, page, commonRefs);
      placeAround(graph, ref, added.addedNodes);
      expansions.set(ref, progressAfter(previous, page));
      structureChanged([ref, ...page.neighbours.map((n) => n.id)]);
      const already = page.neighbours.length - added.addedNodes.filter((n) => n !== ref).length;
      toast(
        `${plural(added.addedNodes.length, "node")} added${already > 0 ? `, ${formatNumber(already)} already shown` : ""}${page.more ? ` · ${formatNumber(page.more)} more available` : ""}`,
      );
      if (added.addedNodes.length && !layout.isRunning())
        layout.start(Math.min(3000, layoutBudget(settings, graph.order)));
    } catch (err) {
      if (!ctx.signal.aborted) toast(`Expand failed: ${(err as Error).message}`, "error");
    } finally {
      expanding.delete(ref);
      if (!ctx.signal.aborted) renderSide();
    }
  }

  function collapse(ref: string): void {
    const dropped = collapseExpansion(graph, ref);
    expansions.delete(ref);
    structureChanged([ref]);
    renderSide();
    toast(`${plural(dropped.length, "node")} removed`);
  }

  function clearExplanation(): void {
    if (why.explanation) {
      const tag = pathTag(why.explanation.a, why.explanation.b);
      collapseExpansion(graph, tag);
      structureChanged([]);
    }
    path = null;
    why = { ...why, explanation: null, error: null };
    recomputeView();
  }

  async function explain(): Promise<void> {
    const [a, b] = store.get().pair;
    if (!a || !b) return;
    clearExplanation();
    why = { ...why, loading: true, error: null };
    renderWhy();
    try {
      const ex: Explanation = await api.explain(keyOfRef(a), keyOfRef(b), ctx.signal);
      if (ctx.signal.aborted) return;
      const added = addExplanation(graph, ex, commonRefs);
      for (const n of added.addedNodes) {
        const anchor = graph.neighbors(n).find((m) => !added.addedNodes.includes(m));
        if (anchor) placeAround(graph, anchor, [n]);
      }
      path = pathHighlight(ex);
      why = { ...why, explanation: ex, loading: false };
      structureChanged(added.addedNodes);
      if (ex.linked) {
        const nodes = path.nodes;
        if (layout.isRunning()) settleFocus = () => fitNodes(renderer, nodes);
        else fitNodes(renderer, nodes);
      }
    } catch (err) {
      if (ctx.signal.aborted) return;
      why = { ...why, loading: false, error: err };
    }
    renderWhy();
  }

  // State bindings
  store.subscribe((s, prev) => {
    const filtersChanged =
      s.hiddenKinds !== prev.hiddenKinds || s.common !== prev.common || s.timeRange !== prev.timeRange;
    if (filtersChanged) {
      hidden = computeHidden(graph, s);
      renderStatus();
    }
    if (s.search !== prev.search) {
      matches = searchGraph(graph, s.search, 50);
      activeMatch = -1;
    }
    if (s.pair !== prev.pair) {
      if (
        why.explanation &&
        (why.explanation.a !== keyOfRef(s.pair[0] ?? "") || why.explanation.b !== keyOfRef(s.pair[1] ?? ""))
      )
        clearExplanation();
      why = { ...why, pair: s.pair };
      renderWhy();
    }
    recomputeView();
    if (s.hiddenKinds !== prev.hiddenKinds || s.common !== prev.common) renderLegend();
    if (s.timeRange !== prev.timeRange) timeline.setRange(s.timeRange);
    if (s.selected !== prev.selected || s.pair !== prev.pair) renderSide();
    if (s.search !== prev.search) renderToolbar();
    // Hover is not worth a history entry, nor a URL rewrite.
    if (s.hovered === prev.hovered || s.selected !== prev.selected)
      ctx.replaceQuery(encodeClusterLink({ view: s, run: link.run }));
  });

  // Sigma events
  renderer.on("enterNode", ({ node }) => store.update(hoverNode(node)));
  renderer.on("leaveNode", () => store.update(hoverNode(null)));
  renderer.on("clickNode", ({ node, event }) => {
    const original = event.original as MouseEvent;
    if (original.shiftKey && graph.getNodeAttribute(node, "kind") === "application") store.update(setPairSlot(node));
    else store.update(selectNode(node));
  });
  renderer.on("doubleClickNode", ({ node, preventSigmaDefault }) => {
    preventSigmaDefault();
    void expand(node);
  });
  renderer.on("clickStage", () => store.update(selectNode(null)));

  // Keyboard
  const onKey = (e: KeyboardEvent) => {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    const t = e.target as HTMLElement;
    if (t.closest("input, select, textarea, [contenteditable]")) return;
    if (t.closest(".timeline-chart") && e.key.startsWith("Arrow")) return;
    const s = store.get();
    const key = e.key.length === 1 ? e.key.toLowerCase() : e.key;
    const handled = (() => {
      switch (key) {
        case "f":
          toolbar.focusSearch();
          return true;
        case "[":
          setPanels({ ...panels, summary: !panels.summary });
          return true;
        case "]":
          setPanels({ ...panels, side: !panels.side });
          return true;
        case "m":
          setFullscreen(!fullscreen);
          return true;
        case "g":
          if (groups.members.size)
            toolbar.element.querySelector<HTMLButtonElement>("[data-action=identities]")?.click();
          return groups.members.size > 0;
        case "l":
          toggleLayout();
          return true;
        case "r":
          resetView();
          return true;
        case "+":
        case "=":
          zoomBy(renderer, 1 / 1.5);
          return true;
        case "-":
          zoomBy(renderer, 1.5);
          return true;
        case "p":
          void savePng();
          return true;
        case "e":
          if (s.selected) void expand(s.selected);
          return Boolean(s.selected);
        case "c":
          if (s.selected && expansions.has(s.selected)) collapse(s.selected);
          return Boolean(s.selected);
        case "a":
        case "b":
          if (s.selected?.startsWith("application:")) store.update(setPairSlot(s.selected, key === "a" ? 0 : 1));
          return true;
        case "w":
          void explain();
          return true;
        case "Escape":
          if (fullscreen) {
            setFullscreen(false);
            return true;
          }
          if (why.explanation) clearExplanation();
          store.update(selectNode(null));
          return true;
        default:
          return false;
      }
    })();
    if (handled) e.preventDefault();
  };
  document.addEventListener("keydown", onKey);

  // First draw
  recomputeView();
  performance.mark("rs:first-refresh");
  renderToolbar();
  renderLegend();
  renderStatus();
  renderWhy();
  renderSide();
  timeline.setRange(store.get().timeRange);
  ctx.setTitle(opts.title ?? `Cluster ${detail.cluster.id}`);
  requestAnimationFrame(() => {
    performance.mark("rs:first-render");
    window.__ringscope = {
      ...window.__ringscope,
      firstRenderMs: performance.now() - t0,
      firstRenderAt: performance.now(),
      nodes: graph.order,
      edges: graph.size,
      visibleNodes: () => graph.order - hidden.size,
      handles: { renderer, graph, layout },
    };
  });
  layout.start(layoutBudget(settings, graph.order));
  // A deep link's focus is applied once the first layout has stopped, where nodes will stay: the why-
  // linked path if there is one (explain sets it), else the match or the selection.
  const s0 = store.get();
  if (s0.pair[0] && s0.pair[1]) void explain();
  else if (s0.search && matches.length) settleFocus = () => gotoMatch(1);
  else if (s0.selected && graph.hasNode(s0.selected)) settleFocus = () => focusNode(renderer, s0.selected!);

  return () => {
    document.body.classList.remove("rs-graph-fullscreen");
    document.removeEventListener("keydown", onKey);
    timeline.destroy();
    layout.kill();
    renderer.kill();
    window.__ringscope = undefined;
  };
}
