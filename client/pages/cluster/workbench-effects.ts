/**
 * Workbench effects
 * =================
 *
 * The workbench's side effects, in one place: expand and collapse (neighbours from the API into the
 * graph), "why linked" (an explanation's paths into the graph) and the details panel's loads. Each
 * changes the graph (data) and then tells the store through named transitions; nothing here draws.
 * The details cache belongs to the page that created the effects, so a new page starts from the
 * server's current data without anyone having to clear a module-level cache.
 */
import { api, type ApplicationDetail, type IdentifierDetail } from "../../api.js";
import { addNeighbourhood, collapseExpansion, progressAfter } from "../../graph/expansion.js";
import { placeAround } from "../../graph/initial-layout.js";
import { keyOfRef, kindOfRef } from "../../graph/kinds.js";
import { addExplanation, pathHighlight, pathTag } from "../../graph/paths.js";
import { assignSizesByDegree } from "../../graph/size-by-degree.js";
import { fitNodes } from "../../render/camera.js";
import { layoutBudget } from "../../render/settings.js";
import {
  expansionCollapsed,
  expansionFailed,
  expansionLoaded,
  expansionRequested,
  explanationCleared,
  explanationFailed,
  explanationLoaded,
  explanationRequested,
  focusDeferred,
  graphChanged,
} from "../../state/workbench.js";
import { formatNumber, plural } from "../../ui/format.js";
import { toast } from "../../ui/states.js";
import { EXPAND_PAGE } from "./details-context.js";
import type { WorkbenchContext } from "./workbench-context.js";

export type NodeDetail = ApplicationDetail | IdentifierDetail;

export interface WorkbenchEffects {
  expand(ref: string): Promise<void>;
  collapse(ref: string): void;
  explain(): Promise<void>;
  clearExplanation(): void;
  /** The details of a node, fetched once per page (a failed load is tried again next time). */
  loadDetails(ref: string): Promise<NodeDetail>;
  /** Keeps the explanation only while it explains the current pair; returns the dispose. */
  bind(): () => void;
}

export function createEffects(ctx: WorkbenchContext): WorkbenchEffects {
  const details = new Map<string, Promise<NodeDetail>>();
  const aborted = () => ctx.page.signal.aborted;

  /** Sizes follow degree; the store forgets nodes that left and bumps the graph's version. */
  function structureChanged(touched: string[]): void {
    assignSizesByDegree(ctx.graph, {}, touched);
    ctx.store.update(graphChanged((n) => ctx.graph.hasNode(n)));
  }

  async function expand(ref: string): Promise<void> {
    if (ctx.opts.readOnly) return void toast("This case is closed: its picture is read-only");
    const { store, graph, layout } = ctx;
    if (store.get().expanding.has(ref)) return;
    store.update(expansionRequested(ref));
    try {
      const previous = store.get().expansions.get(ref);
      const page = await api.neighbours(ref, EXPAND_PAGE, previous?.loaded ?? 0, ctx.page.signal);
      if (aborted()) return;
      const added = addNeighbourhood(graph, page, ctx.commonRefs);
      placeAround(graph, ref, added.addedNodes);
      structureChanged([ref, ...page.neighbours.map((n) => n.id)]);
      store.update(expansionLoaded(ref, progressAfter(previous, page)));
      const already = page.neighbours.length - added.addedNodes.filter((n) => n !== ref).length;
      toast(
        `${plural(added.addedNodes.length, "node")} added${already > 0 ? `, ${formatNumber(already)} already shown` : ""}${page.more ? ` · ${formatNumber(page.more)} more available` : ""}`,
      );
      if (added.addedNodes.length && !layout.isRunning())
        layout.start(Math.min(3000, layoutBudget(ctx.settings, graph.order)));
    } catch (err) {
      if (aborted()) return;
      store.update(expansionFailed(ref));
      toast(`Expand failed: ${(err as Error).message}`, "error");
    }
  }

  function collapse(ref: string): void {
    const dropped = collapseExpansion(ctx.graph, ref);
    structureChanged([ref]);
    ctx.store.update(expansionCollapsed(ref));
    toast(`${plural(dropped.length, "node")} removed`);
  }

  function clearExplanation(): void {
    const ex = ctx.store.get().why.explanation;
    if (ex) {
      collapseExpansion(ctx.graph, pathTag(ex.a, ex.b));
      structureChanged([]);
    }
    ctx.store.update(explanationCleared);
  }

  async function explain(): Promise<void> {
    const { store, graph, renderer, layout } = ctx;
    const [a, b] = store.get().view.pair;
    if (!a || !b) return;
    clearExplanation();
    store.update(explanationRequested);
    try {
      const ex = await api.explain(keyOfRef(a), keyOfRef(b), ctx.page.signal);
      if (aborted()) return;
      const added = addExplanation(graph, ex, ctx.commonRefs);
      for (const n of added.addedNodes) {
        const anchor = graph.neighbors(n).find((m) => !added.addedNodes.includes(m));
        if (anchor) placeAround(graph, anchor, [n]);
      }
      store.update(explanationLoaded(ex));
      structureChanged(added.addedNodes);
      if (ex.linked) {
        const nodes = [...pathHighlight(ex).nodes];
        if (layout.isRunning()) store.update(focusDeferred({ kind: "fit", nodes }));
        else fitNodes(renderer, nodes);
      }
    } catch (err) {
      if (!aborted()) store.update(explanationFailed(err));
    }
  }

  function loadDetails(ref: string): Promise<NodeDetail> {
    let p = details.get(ref);
    if (!p) {
      const kind = kindOfRef(ref)!;
      p = kind === "application" ? api.application(keyOfRef(ref)) : api.identifier(kind, keyOfRef(ref));
      p.catch(() => details.delete(ref));
      details.set(ref, p);
    }
    return p;
  }

  function bind(): () => void {
    return ctx.store.subscribe((s, prev) => {
      if (s.view.pair === prev.view.pair) return;
      const ex = s.why.explanation;
      if (ex && (ex.a !== keyOfRef(s.view.pair[0] ?? "") || ex.b !== keyOfRef(s.view.pair[1] ?? "")))
        clearExplanation();
    });
  }

  return { expand, collapse, explain, clearExplanation, loadDetails, bind };
}
