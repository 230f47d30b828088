/**
 * Page handles controller
 * =======================
 *
 * Names the tab and, at the first frame, publishes what the browser tests and the client benchmark
 * read (`window.__ringscope`: first render time, counts, the renderer, graph and layout).
 */
import type { Controller } from "../workbench-context.js";

export const pageHandlesController: Controller = (ctx) => {
  const { graph, select, store } = ctx;
  performance.mark("rs:first-refresh");
  ctx.page.setTitle(ctx.opts.title ?? `Cluster ${ctx.detail.cluster.id}`);
  const frame = requestAnimationFrame(() => {
    performance.mark("rs:first-render");
    window.__ringscope = {
      ...window.__ringscope,
      firstRenderMs: performance.now() - ctx.startedAt,
      firstRenderAt: performance.now(),
      nodes: graph.order,
      edges: graph.size,
      visibleNodes: () => graph.order - select.hidden(store.get()).size,
      handles: { renderer: ctx.renderer, graph, layout: ctx.layout },
    };
  });
  return () => {
    cancelAnimationFrame(frame);
    window.__ringscope = undefined;
  };
};
