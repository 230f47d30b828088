/**
 * Cluster workbench
 * =================
 *
 * Wires one cluster view together, after Gephi Lite's controllers. Data flows one way: the payload
 * builds the graph (data, workbench-graph.ts); all view state lives in one store changed by named
 * transitions (state/workbench.ts), read through memoised selectors (state/workbench-selectors.ts);
 * side effects (expand, why linked, details) sit in workbench-effects.ts; and small controllers, each
 * `(ctx) => dispose`, connect the store to sigma, the DOM, the keyboard, the URL and the layout.
 */
import "./cluster-view.css";

import type { ClusterDetail } from "../../api.js";
import type { PageContext } from "../../app/registry.js";
import type { InvestigationGraph } from "../../graph/model.js";
import { createRenderer, type Renderer } from "../../render/create-renderer.js";
import { LayoutController } from "../../render/layout.js";
import { resolveRendererSettings } from "../../render/settings.js";
import type { ClusterLink } from "../../state/cluster-url.js";
import { createStore } from "../../state/store.js";
import { createWorkbenchSelectors } from "../../state/workbench-selectors.js";
import { focusDeferred, initialWorkbench, layoutStarted, layoutStopped } from "../../state/workbench.js";
import { keyboardController } from "./controllers/keyboard.js";
import { layoutController } from "./controllers/layout.js";
import { panelsController } from "./controllers/panels.js";
import { renderController } from "./controllers/render.js";
import { sigmaEventsController } from "./controllers/sigma-events.js";
import { urlSyncController } from "./controllers/url-sync.js";
import { loadPanels } from "./panels.js";
import { createActions } from "./workbench-actions.js";
import type { WorkbenchContext, WorkbenchOptions } from "./workbench-context.js";
import { buildWorkbenchDom } from "./workbench-dom.js";
import { createEffects } from "./workbench-effects.js";
import { prepareGraph } from "./workbench-graph.js";
import "./workbench-globals.js";

export interface WorkbenchHandles {
  renderer: Renderer;
  graph: InvestigationGraph;
  layout: LayoutController;
}

export function mountWorkbench(
  root: HTMLElement,
  page: PageContext,
  detail: ClusterDetail,
  link: ClusterLink,
  opts: WorkbenchOptions = {},
): () => void {
  const t0 = performance.now();
  const g = prepareGraph(detail, link);
  performance.mark("rs:graph-built");
  const store = createStore(initialWorkbench(link.view, loadPanels()));
  const select = createWorkbenchSelectors(g.graph, { grouped: g.groups.members.size > 0 ? g.grouped : null });
  // Filled in below; effects, actions and the skeleton's buttons read it only when called.
  const ctx = {
    ...g,
    page,
    detail,
    link,
    opts,
    settings: resolveRendererSettings(),
    store,
    select,
  } as WorkbenchContext;
  ctx.dom = buildWorkbenchDom(root, ctx);
  ctx.renderer = createRenderer(g.graph, ctx.dom.canvas, () => select.viewModel(store.get()), ctx.settings);
  performance.mark("rs:renderer-created");
  ctx.layout = new LayoutController(g.graph, {
    onStart: () => store.update(layoutStarted),
    onStop: (run) => store.update(layoutStopped(run)),
  });
  ctx.effects = createEffects(ctx);
  ctx.actions = createActions(ctx);

  const disposers = [
    renderController,
    panelsController,
    sigmaEventsController,
    keyboardController,
    urlSyncController,
    layoutController,
  ].map((controller) => controller(ctx));
  disposers.push(ctx.effects.bind());
  performance.mark("rs:first-refresh");
  page.setTitle(opts.title ?? `Cluster ${detail.cluster.id}`);
  requestAnimationFrame(() => {
    performance.mark("rs:first-render");
    window.__ringscope = {
      ...window.__ringscope,
      firstRenderMs: performance.now() - t0,
      firstRenderAt: performance.now(),
      nodes: g.graph.order,
      edges: g.graph.size,
      visibleNodes: () => g.graph.order - select.hidden(store.get()).size,
      handles: { renderer: ctx.renderer, graph: g.graph, layout: ctx.layout },
    };
  });
  // A deep link's focus waits for the first layout to stop, where nodes will stay: the why-linked path
  // if there is one (explain defers it), else the first search match, else the selection.
  const v = store.get().view;
  if (v.pair[0] && v.pair[1]) void ctx.effects.explain();
  else if (v.search && select.matches(store.get()).length) store.update(focusDeferred({ kind: "match" }));
  else if (v.selected && g.graph.hasNode(v.selected)) store.update(focusDeferred({ kind: "node", node: v.selected }));

  return () => {
    for (const dispose of disposers.reverse()) dispose();
    ctx.dom.timeline.destroy();
    ctx.renderer.kill();
    window.__ringscope = undefined;
  };
}
