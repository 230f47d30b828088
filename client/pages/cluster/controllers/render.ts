/**
 * Render controller
 * =================
 *
 * Draws the store: the reducers' view model into sigma (`refresh({ skipIndexation: true })`: only view
 * state changed), and the legend, status line, toolbar, "why linked" panel, details panel and
 * timeline. Each part is redrawn only when its selected value is a new one, compared with what it
 * last drew (not with the previous state, so nested updates cannot skip a redraw).
 */
import { setCommonMode, setPairSlot, clearPair, toggleKind } from "../../../state/cluster-view.js";
import type { WorkbenchState } from "../../../state/workbench.js";
import { replace } from "../../../ui/dom.js";
import type { DetailsActions } from "../details-context.js";
import { renderDetails } from "../details-panel.js";
import { legend } from "../legend.js";
import { whyPanel } from "../why-panel.js";
import type { Controller, WorkbenchContext } from "../workbench-context.js";

/** The same value; tuples (several inputs of one part) element by element. */
function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => x === b[i]);
}

/** Calls `draw` when `pick(state)` returns something else than last time. */
function part<V>(pick: (s: WorkbenchState) => V, draw: (v: V) => void) {
  let last: { v: V } | null = null;
  return (s: WorkbenchState) => {
    const v = pick(s);
    if (last && same(last.v, v)) return;
    last = { v };
    draw(v);
  };
}

function parts(ctx: WorkbenchContext) {
  const { store, select, dom, renderer, actions, effects, graph } = ctx;
  const detailsActions: DetailsActions = {
    select: (ref) => actions.selectRef(ref),
    focus: (ref) => actions.focusRef(ref),
    expand: (ref) => void effects.expand(ref),
    collapse: (ref) => effects.collapse(ref),
    setPair: (ref, slot) => actions.view(setPairSlot(ref, slot)),
  };
  return [
    part(select.viewModel, () => renderer.refresh({ skipIndexation: true })),
    part(
      (s) => [select.kindCounts(s), s.view.hiddenKinds, s.view.common] as const,
      () => {
        const s = store.get();
        const c = select.kindCounts(s);
        const open = dom.legendHost.querySelector("details")?.open ?? true;
        replace(
          dom.legendHost,
          legend(
            {
              counts: c.counts,
              commonCount: c.common,
              outsideCount: c.outside,
              hiddenKinds: s.view.hiddenKinds,
              common: s.view.common,
            },
            { toggleKind: (k) => actions.view(toggleKind(k)), setCommon: (m) => actions.view(setCommonMode(m)) },
          ),
        );
        dom.legendHost.querySelector("details")!.open = open;
      },
    ),
    part(select.status, (text) => (dom.statusLine.textContent = text)),
    part(select.toolbar, (t) => dom.toolbar.update(t)),
    part(select.why, (w) =>
      replace(
        dom.whyHost,
        whyPanel(w, {
          run: () => void effects.explain(),
          clear: () => {
            effects.clearExplanation();
            actions.view(clearPair);
          },
          clearSlot: (slot) => actions.view(setPairSlot(null, slot)),
          select: (ref) => actions.selectRef(ref),
          label: actions.labelOf,
        }),
      ),
    ),
    part(
      (s) => [s.view.selected, s.view.pair, s.expansions, s.expanding] as const,
      () => {
        const s = store.get();
        const { expansions, expanding } = s;
        const c = { graph, detail: ctx.detail, expansions, expanding, pair: s.view.pair, signal: ctx.page.signal };
        renderDetails(dom.detailsHost, s.view.selected, { ...c, load: effects.loadDetails }, detailsActions);
      },
    ),
    part(
      (s) => s.view.timeRange,
      (range) => dom.timeline.setRange(range),
    ),
  ];
}

export const renderController: Controller = (ctx) => {
  const draw = parts(ctx);
  const run = (s: WorkbenchState) => {
    for (const d of draw) d(s);
  };
  run(ctx.store.get());
  return ctx.store.subscribe(() => run(ctx.store.get()));
};
