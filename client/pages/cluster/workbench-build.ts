/**
 * Workbench build
 * ===============
 *
 * Builds one cluster view's context: the graph from the payload, the store and its selectors, the DOM
 * skeleton, the sigma renderer, the layout, effects and actions. Nothing runs yet: the controllers
 * started by `mountWorkbench` connect these parts.
 */
import type { ClusterDetail } from "../../api.js";
import type { PageContext } from "../../app/registry.js";
import { createRenderer } from "../../render/create-renderer.js";
import { LayoutController } from "../../render/layout.js";
import { resolveRendererSettings } from "../../render/settings.js";
import type { ClusterLink } from "../../state/cluster-url.js";
import { createStore } from "../../state/store.js";
import { createWorkbenchSelectors } from "../../state/workbench-selectors.js";
import { initialWorkbench, layoutStarted, layoutStopped } from "../../state/workbench.js";
import { loadPanels } from "./panels.js";
import { createActions } from "./workbench-actions.js";
import type { WorkbenchContext, WorkbenchOptions } from "./workbench-context.js";
import { buildWorkbenchDom } from "./workbench-dom.js";
import { createEffects } from "./workbench-effects.js";
import { prepareGraph } from "./workbench-graph.js";

export function buildWorkbench(
  root: HTMLElement,
  page: PageContext,
  detail: ClusterDetail,
  link: ClusterLink,
  opts: WorkbenchOptions,
): WorkbenchContext {
  const startedAt = performance.now();
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
    startedAt,
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
  return ctx;
}
