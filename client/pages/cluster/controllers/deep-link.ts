/**
 * Deep-link controller
 * ====================
 *
 * A deep link's focus waits for the first layout to stop, where nodes will stay: the why-linked path
 * if the link names a pair (explain defers it), else the first search match, else the selection.
 */
import { focusDeferred } from "../../../state/workbench.js";
import type { Controller } from "../workbench-context.js";

export const deepLinkController: Controller = (ctx) => {
  const { store, select, graph } = ctx;
  const v = store.get().view;
  if (v.pair[0] && v.pair[1]) void ctx.effects.explain();
  else if (v.search && select.matches(store.get()).length) store.update(focusDeferred({ kind: "match" }));
  else if (v.selected && graph.hasNode(v.selected)) store.update(focusDeferred({ kind: "node", node: v.selected }));
  return () => {};
};
