/**
 * URL sync controller
 * ===================
 *
 * Keeps the shareable part of the view (selection, pair, filters, search) in the URL query, replacing
 * the history entry. Hover alone is not worth a rewrite.
 */
import { encodeClusterLink } from "../../../state/cluster-url.js";
import type { Controller } from "../workbench-context.js";

export const urlSyncController: Controller = (ctx) =>
  ctx.store.subscribe((s, prev) => {
    const v = s.view;
    if (v === prev.view) return;
    if (v.hovered === prev.view.hovered || v.selected !== prev.view.selected)
      ctx.page.replaceQuery(encodeClusterLink({ view: v, run: ctx.link.run }));
  });
