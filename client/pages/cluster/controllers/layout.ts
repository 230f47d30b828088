/**
 * Layout controller
 * =================
 *
 * Starts the first layout, and when a layout run stops applies the camera move that waited for it
 * (a deep link's selection or match, an explanation's path) and records the run for the browser tests
 * and the client benchmark. The LayoutController reports start and stop as store transitions
 * (see mountWorkbench).
 */
import { fitNodes, focusNode } from "../../../render/camera.js";
import { layoutBudget } from "../../../render/settings.js";
import type { Controller } from "../workbench-context.js";

export const layoutController: Controller = (ctx) => {
  const off = ctx.store.subscribe((s, prev) => {
    if (!prev.layout.running || s.layout.running || !s.layout.last) return;
    window.__ringscope = { ...window.__ringscope, layout: { ...s.layout.last, settledAtMs: performance.now() } };
    const focus = prev.pendingFocus;
    if (focus?.kind === "fit") fitNodes(ctx.renderer, focus.nodes);
    else if (focus?.kind === "node") focusNode(ctx.renderer, focus.node);
    else if (focus?.kind === "match") ctx.actions.gotoMatch(1);
  });
  ctx.layout.start(layoutBudget(ctx.settings, ctx.graph.order));
  return () => {
    off();
    ctx.layout.kill();
  };
};
