/**
 * Neighbourhood graph
 * ===================
 *
 * The graph on the application and identifier pages, drawn with the workbench's own parts (graph model,
 * initial layout, sigma renderer with its shape program and reducers, ForceAtlas2 worker): the entity in
 * the middle, what it uses or what uses it around it. Hover focuses a node and its neighbours; a click
 * opens that node's own page, so one can walk from a tip to a ring.
 */
import type { GraphEdge, GraphNode } from "../../../server/common/graph.js";
import { buildGraph } from "../../graph/build-graph.js";
import { assignInitialLayout } from "../../graph/initial-layout.js";
import { KIND_STYLES, NODE_KINDS, keyOfRef, kindOfRef, type NodeKind } from "../../graph/kinds.js";
import { createRenderer } from "../../render/create-renderer.js";
import { LayoutController } from "../../render/layout.js";
import { layoutBudget, resolveRendererSettings } from "../../render/settings.js";
import { EMPTY_VIEW_MODEL, type ViewModel } from "../../render/view-model.js";
import { applicationHref, identifierHref } from "../../explore/search-entries.js";
import { h } from "../../ui/dom.js";
import { formatNumber } from "../../ui/format.js";
import { shapeIcon } from "../../ui/shape-icon.js";

export interface NeighbourhoodGraphHandle {
  element: HTMLElement;
  destroy(): void;
}

/** The page a node opens. */
export function hrefOfRef(ref: string): string | null {
  const kind = kindOfRef(ref);
  if (!kind) return null;
  return kind === "application" ? applicationHref(keyOfRef(ref)) : identifierHref(kind, keyOfRef(ref));
}

export function neighbourhoodGraph(
  payload: { nodes: GraphNode[]; edges: GraphEdge[]; truncated: boolean },
  centre: string,
  opts: { navigate(href: string): void; label: string },
): NeighbourhoodGraphHandle {
  const common = new Set(payload.nodes.filter((n) => n.attributes.common_infrastructure === true).map((n) => n.id));
  const graph = buildGraph(payload, common);
  assignInitialLayout(graph);
  if (graph.hasNode(centre)) graph.mergeNodeAttributes(centre, { x: 0, y: 0 });
  const canvas = h("div", {
    class: "graph-canvas",
    attrs: { role: "img", "aria-label": `${opts.label}: ${graph.order} nodes, ${graph.size} links` },
  });
  const counts = new Map<NodeKind, number>();
  graph.forEachNode((_, a) => counts.set(a.kind, (counts.get(a.kind) ?? 0) + 1));
  const legend = h(
    "ul",
    { class: "legend-strip", attrs: { "aria-label": "Legend" } },
    NODE_KINDS.filter((k) => counts.has(k)).map((k) =>
      h("li", null, shapeIcon(k, 12), `${KIND_STYLES[k].label} ${formatNumber(counts.get(k)!)}`),
    ),
    common.size ? h("li", null, h("span", { class: "common-swatch" }), "Common infrastructure (grey)") : null,
  );
  const element = h(
    "div",
    { class: "neighbourhood" },
    legend,
    h("div", { class: "neighbourhood-stage" }, canvas),
    h(
      "p",
      { class: "muted small" },
      `Hover to focus a node; click one to open its page.${payload.truncated ? " Only part of the neighbourhood is drawn: widely used identifiers list their newest applications only." : ""}`,
    ),
  );

  let view: ViewModel = { ...EMPTY_VIEW_MODEL, selected: graph.hasNode(centre) ? centre : null };
  const settings = resolveRendererSettings();
  let renderer: ReturnType<typeof createRenderer> | null = null;
  let layout: LayoutController | null = null;
  // Sigma needs a sized container: start once the element is in the document.
  const start = () => {
    renderer = createRenderer(graph, canvas, () => view, settings);
    renderer.on("enterNode", ({ node }) => {
      const focusNodes = new Set([node, ...graph.neighbors(node)]);
      view = { ...view, hovered: node, focusNodes, focusEdges: new Set(graph.edges(node)) };
      renderer?.refresh({ skipIndexation: true });
      canvas.style.cursor = "pointer";
    });
    renderer.on("leaveNode", () => {
      view = { ...view, hovered: null, focusNodes: null, focusEdges: null };
      renderer?.refresh({ skipIndexation: true });
      canvas.style.cursor = "";
    });
    renderer.on("clickNode", ({ node }) => {
      const href = hrefOfRef(node);
      if (href && node !== centre) opts.navigate(href);
    });
    layout = new LayoutController(graph);
    layout.start(Math.min(4000, layoutBudget(settings, graph.order)));
  };
  const raf = requestAnimationFrame(start);
  return {
    element,
    destroy() {
      cancelAnimationFrame(raf);
      layout?.kill();
      renderer?.kill();
    },
  };
}
