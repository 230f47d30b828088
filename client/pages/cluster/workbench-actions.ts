/**
 * Workbench actions
 * =================
 *
 * What the toolbar, the keyboard, the panels and the summary ask for, as one vocabulary: each action
 * is a store transition plus, where needed, a camera move or an effect. Controllers call these rather
 * than each other.
 */
import { keyOfRef } from "../../graph/kinds.js";
import { focusNode, resetCamera, zoomBy } from "../../render/camera.js";
import { exportPng } from "../../render/export-png.js";
import { layoutBudget } from "../../render/settings.js";
import { resetFilters, revealAll, selectNode, type ClusterViewState } from "../../state/cluster-view.js";
import { encodeClusterLink } from "../../state/cluster-url.js";
import type { Producer } from "../../state/store.js";
import { fullscreenSet, matchStepped, panelToggled, viewChanged } from "../../state/workbench.js";
import { formatDateTime } from "../../ui/format.js";
import { toast } from "../../ui/states.js";
import type { WorkbenchContext } from "./workbench-context.js";

export type WorkbenchActions = ReturnType<typeof createActions>;

export function createActions(ctx: WorkbenchContext) {
  const view = (p: Producer<ClusterViewState>) => ctx.store.update(viewChanged(p));

  function selectRef(ref: string | null): void {
    ref = ref ? ctx.drawnRef(ref) : ref;
    view(selectNode(ref));
    if (ref && ctx.graph.hasNode(ref)) focusNode(ctx.renderer, ref);
  }

  /** Selects and frames a node, revealing it if a filter hides it; false when it is not drawn. */
  function focusRef(ref: string): boolean {
    ref = ctx.drawnRef(ref);
    if (!ctx.graph.hasNode(ref)) {
      toast(`${ref} is not drawn in this view`);
      return false;
    }
    if (ctx.select.hidden(ctx.store.get()).has(ref)) view(revealAll);
    selectRef(ref);
    return true;
  }

  function gotoMatch(step: 1 | -1): void {
    const matches = ctx.select.matches(ctx.store.get());
    if (!matches.length) return;
    ctx.store.update(matchStepped(step, matches.length));
    const m = matches[ctx.store.get().activeMatch]!;
    if (ctx.select.hidden(ctx.store.get()).has(m.node)) view(revealAll);
    view(selectNode(m.node));
    focusNode(ctx.renderer, m.node, 0.2);
  }

  function toggleLayout(): void {
    if (ctx.layout.isRunning()) ctx.layout.stop();
    else ctx.layout.start(layoutBudget(ctx.settings, ctx.graph.order));
  }

  function resetView(): void {
    view(resetFilters);
    resetCamera(ctx.renderer);
  }

  async function savePng(): Promise<void> {
    const { detail } = ctx;
    try {
      await exportPng(
        ctx.renderer,
        `Ringscope · cluster ${detail.cluster.id} · run ${detail.run_id} · ${formatDateTime(Date.now())}`,
        `ringscope-${detail.cluster.id}`,
        ctx.select.legendEntries(ctx.store.get()),
      );
      toast("Saved the view as PNG");
    } catch (err) {
      toast(`Export failed: ${(err as Error).message}`, "error");
    }
  }

  /** Reloads the page with one node per person, or one per application. */
  function toggleIdentities(): void {
    const q = encodeClusterLink({ view: ctx.store.get().view, run: ctx.link.run, identities: !ctx.grouped });
    ctx.page.navigate(`${window.location.pathname}?${q}`, { replace: true });
  }

  /** The label of a node for the panels: an application's name with its id. */
  function labelOf(ref: string): string {
    if (ctx.graph.hasNode(ref)) {
      const a = ctx.graph.getNodeAttributes(ref);
      return a.kind === "application" && a.label !== keyOfRef(ref) ? `${a.label} (${keyOfRef(ref)})` : a.label;
    }
    return keyOfRef(ref);
  }

  return {
    view,
    selectRef,
    focusRef,
    gotoMatch,
    toggleLayout,
    resetView,
    savePng,
    toggleIdentities,
    labelOf,
    zoom: (factor: number) => zoomBy(ctx.renderer, factor),
    togglePanel: (panel: "summary" | "side") => ctx.store.update(panelToggled(panel)),
    setFullscreen: (on: boolean) => ctx.store.update(fullscreenSet(on)),
  };
}
