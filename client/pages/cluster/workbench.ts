/**
 * Cluster workbench
 * =================
 *
 * Mounts one cluster view, after Gephi Lite's controllers. Data flows one way: the payload builds the
 * graph (workbench-graph.ts); all view state lives in one store changed by named transitions
 * (state/workbench.ts), read through memoised selectors (state/workbench-selectors.ts); side effects
 * (expand, why linked, details) sit in workbench-effects.ts; workbench-build.ts makes these parts, and
 * small controllers, each `(ctx) => dispose`, connect them to sigma, the DOM, the keyboard, the URL and
 * the layout. The order below is the order they start in; they stop in reverse.
 */
import "./cluster-view.css";

import type { ClusterDetail } from "../../api.js";
import type { PageContext } from "../../app/registry.js";
import type { InvestigationGraph } from "../../graph/model.js";
import type { Renderer } from "../../render/create-renderer.js";
import type { LayoutController } from "../../render/layout.js";
import type { ClusterLink } from "../../state/cluster-url.js";
import { deepLinkController } from "./controllers/deep-link.js";
import { keyboardController } from "./controllers/keyboard.js";
import { layoutController } from "./controllers/layout.js";
import { pageHandlesController } from "./controllers/page-handles.js";
import { panelsController } from "./controllers/panels.js";
import { renderController } from "./controllers/render.js";
import { sigmaEventsController } from "./controllers/sigma-events.js";
import { urlSyncController } from "./controllers/url-sync.js";
import { buildWorkbench } from "./workbench-build.js";
import type { Controller, WorkbenchOptions } from "./workbench-context.js";
import "./workbench-globals.js";

export interface WorkbenchHandles {
  renderer: Renderer;
  graph: InvestigationGraph;
  layout: LayoutController;
}

const CONTROLLERS: Controller[] = [
  renderController,
  panelsController,
  sigmaEventsController,
  keyboardController,
  urlSyncController,
  layoutController,
  (ctx) => ctx.effects.bind(),
  pageHandlesController,
  deepLinkController,
];

export function mountWorkbench(
  root: HTMLElement,
  page: PageContext,
  detail: ClusterDetail,
  link: ClusterLink,
  opts: WorkbenchOptions = {},
): () => void {
  const ctx = buildWorkbench(root, page, detail, link, opts);
  const disposers = CONTROLLERS.map((controller) => controller(ctx));
  return () => {
    for (const dispose of disposers.reverse()) dispose();
    ctx.dom.timeline.destroy();
    ctx.renderer.kill();
  };
}
