/**
 * Sigma events controller
 * =======================
 *
 * Pointer events on the drawing: hover and click select, shift-click puts an application in a "why
 * linked" slot, double-click expands, a click on the background clears the selection.
 */
import { hoverNode, selectNode, setPairSlot } from "../../../state/cluster-view.js";
import type { Controller } from "../workbench-context.js";

export const sigmaEventsController: Controller = (ctx) => {
  const { renderer, graph, actions } = ctx;
  const handlers = {
    enterNode: ({ node }: { node: string }) => actions.view(hoverNode(node)),
    leaveNode: () => actions.view(hoverNode(null)),
    clickNode: ({ node, event }: { node: string; event: { original: Event } }) => {
      const original = event.original as MouseEvent;
      if (original.shiftKey && graph.getNodeAttribute(node, "kind") === "application") actions.view(setPairSlot(node));
      else actions.view(selectNode(node));
    },
    doubleClickNode: ({ node, preventSigmaDefault }: { node: string; preventSigmaDefault(): void }) => {
      preventSigmaDefault();
      void ctx.effects.expand(node);
    },
    clickStage: () => actions.view(selectNode(null)),
  };
  renderer.on("enterNode", handlers.enterNode);
  renderer.on("leaveNode", handlers.leaveNode);
  renderer.on("clickNode", handlers.clickNode);
  renderer.on("doubleClickNode", handlers.doubleClickNode);
  renderer.on("clickStage", handlers.clickStage);
  return () => {
    renderer.off("enterNode", handlers.enterNode);
    renderer.off("leaveNode", handlers.leaveNode);
    renderer.off("clickNode", handlers.clickNode);
    renderer.off("doubleClickNode", handlers.doubleClickNode);
    renderer.off("clickStage", handlers.clickStage);
  };
};
