/**
 * Keyboard controller
 * ===================
 *
 * The workbench's single-key shortcuts (listed in the toolbar's help, toolbar.ts SHORTCUTS). Keys
 * typed into a field, with a modifier, or arrows on the timeline are left alone.
 */
import { selectNode, setPairSlot } from "../../../state/cluster-view.js";
import type { Controller, WorkbenchContext } from "../workbench-context.js";

/** Runs the shortcut for `key`; false when the key is not one (the browser keeps it). */
function shortcut(ctx: WorkbenchContext, key: string): boolean {
  const { actions, effects, store } = ctx;
  const s = store.get();
  const selected = s.view.selected;
  switch (key) {
    case "f":
      ctx.dom.toolbar.focusSearch();
      return true;
    case "[":
      actions.togglePanel("summary");
      return true;
    case "]":
      actions.togglePanel("side");
      return true;
    case "m":
      actions.setFullscreen(!s.panels.fullscreen);
      return true;
    case "g":
      if (ctx.groups.members.size) actions.toggleIdentities();
      return ctx.groups.members.size > 0;
    case "l":
      actions.toggleLayout();
      return true;
    case "r":
      actions.resetView();
      return true;
    case "+":
    case "=":
      actions.zoom(1 / 1.5);
      return true;
    case "-":
      actions.zoom(1.5);
      return true;
    case "p":
      void actions.savePng();
      return true;
    case "e":
      if (selected) void effects.expand(selected);
      return Boolean(selected);
    case "c":
      if (selected && s.expansions.has(selected)) effects.collapse(selected);
      return Boolean(selected);
    case "a":
    case "b":
      if (selected?.startsWith("application:")) actions.view(setPairSlot(selected, key === "a" ? 0 : 1));
      return true;
    case "w":
      void effects.explain();
      return true;
    case "Escape":
      if (s.panels.fullscreen) {
        actions.setFullscreen(false);
        return true;
      }
      if (s.why.explanation) effects.clearExplanation();
      actions.view(selectNode(null));
      return true;
    default:
      return false;
  }
}

export const keyboardController: Controller = (ctx) => {
  const onKey = (e: KeyboardEvent) => {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    const t = e.target as HTMLElement;
    if (t.closest("input, select, textarea, [contenteditable]")) return;
    if (t.closest(".timeline-chart") && e.key.startsWith("Arrow")) return;
    if (shortcut(ctx, e.key.length === 1 ? e.key.toLowerCase() : e.key)) e.preventDefault();
  };
  document.addEventListener("keydown", onKey);
  return () => document.removeEventListener("keydown", onKey);
};
