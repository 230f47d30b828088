/**
 * Panels controller
 * =================
 *
 * Side panels and full screen: classes on the page's layout, the open/closed choice remembered per
 * browser, and sigma told that its container changed size once the grid has reflowed.
 */
import type { PanelsState } from "../../../state/workbench.js";
import { savePanels } from "../panels.js";
import type { Controller } from "../workbench-context.js";

export function applyPanelClasses(root: HTMLElement, p: PanelsState): void {
  root.classList.toggle("summary-collapsed", !p.summary || p.fullscreen);
  root.classList.toggle("side-collapsed", !p.side || p.fullscreen);
  root.closest(".page-cluster")?.classList.toggle("graph-fullscreen", p.fullscreen);
  document.body.classList.toggle("rs-graph-fullscreen", p.fullscreen);
}

export const panelsController: Controller = (ctx) => {
  const off = ctx.store.subscribe((s, prev) => {
    if (s.panels === prev.panels) return;
    if (s.panels.summary !== prev.panels.summary || s.panels.side !== prev.panels.side)
      savePanels({ summary: s.panels.summary, side: s.panels.side });
    applyPanelClasses(ctx.dom.root, s.panels);
    // The grid has reflowed by the next frame.
    requestAnimationFrame(() => {
      if (ctx.page.signal.aborted) return;
      ctx.renderer.resize();
      ctx.renderer.refresh({ skipIndexation: true });
    });
  });
  return () => {
    off();
    document.body.classList.remove("rs-graph-fullscreen");
  };
};
