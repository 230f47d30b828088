/**
 * What the details panel's views share: the page's context and actions, the expand page size, a node's
 * label and the button that selects a node.
 */
import { type ApplicationDetail, type ClusterDetail, type IdentifierDetail } from "../../api.js";
import { kindOfRef } from "../../graph/kinds.js";
import type { ExpansionProgress } from "../../graph/expansion.js";
import type { InvestigationGraph } from "../../graph/model.js";
import { h } from "../../ui/dom.js";
import { truncate } from "../../ui/format.js";
import { shapeIcon } from "../../ui/shape-icon.js";

export const EXPAND_PAGE = 25;

/** The graph's label for a node (the value as typed), else the given fallback. */
export function labelOf(ref: string, fallback: string, c: DetailsContext): string {
  return c.graph.hasNode(ref) ? c.graph.getNodeAttribute(ref, "label") : fallback;
}
/** Members listed in the overview; a 5,000-application cluster is searched, not scrolled. */

export interface DetailsContext {
  graph: InvestigationGraph;
  detail: ClusterDetail;
  expansions: ReadonlyMap<string, ExpansionProgress>;
  expanding: ReadonlySet<string>;
  pair: readonly [string | null, string | null];
  signal: AbortSignal;
  /** Loads a node's details; the workbench's effects cache them for the page's lifetime. */
  load(ref: string): Promise<ApplicationDetail | IdentifierDetail>;
}

export interface DetailsActions {
  select(ref: string | null): void;
  focus(ref: string): void;
  expand(ref: string): void;
  collapse(ref: string): void;
  setPair(ref: string, slot: 0 | 1): void;
}

export function nodeButton(
  ref: string,
  label: string,
  actions: DetailsActions,
  extra?: HTMLElement | string | null,
): HTMLElement {
  const kind = kindOfRef(ref);
  return h(
    "button",
    { type: "button", class: "node-button", dataset: { ref }, on: { click: () => actions.select(ref) } },
    kind ? shapeIcon(kind, 12) : null,
    h("span", { class: "node-button-label" }, truncate(label, 48)),
    extra ? h("span", { class: "node-button-extra" }, extra) : null,
  );
}
