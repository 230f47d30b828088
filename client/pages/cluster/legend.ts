/**
 * Legend and kind filters
 * =======================
 *
 * The key to the graph (shape and colour per kind, with counts) doubling as the filter by node kind:
 * each entry is a toggle button (`aria-pressed`). Below it, how common infrastructure is drawn:
 * dimmed, hidden or shown like any identifier.
 */
import { KIND_STYLES, MUTED_NODE_COLOR, NODE_KINDS, type NodeKind } from "../../graph/kinds.js";
import type { CommonMode } from "../../graph/visibility.js";
import { h } from "../../ui/dom.js";
import { formatNumber } from "../../ui/format.js";
import { outsideColor } from "../../render/reducers.js";
import { shapeIcon } from "../../ui/shape-icon.js";

export interface LegendInput {
  counts: ReadonlyMap<NodeKind, number>;
  commonCount: number;
  /** Nodes brought in by expand or why-linked, not members of the cluster. */
  outsideCount: number;
  hiddenKinds: ReadonlySet<NodeKind>;
  common: CommonMode;
}

export interface LegendActions {
  toggleKind(kind: NodeKind): void;
  setCommon(mode: CommonMode): void;
}

const COMMON_MODES: [CommonMode, string][] = [
  ["dim", "Dim"],
  ["hide", "Hide"],
  ["show", "Show"],
];

export function legend(input: LegendInput, actions: LegendActions): HTMLElement {
  const kinds = NODE_KINDS.filter((k) => (input.counts.get(k) ?? 0) > 0);
  return h(
    "details",
    { class: "legend", open: true, attrs: { role: "group", "aria-label": "Legend and node kind filters" } },
    h("summary", { class: "legend-title" }, "Legend · show"),
    h(
      "ul",
      { class: "legend-list" },
      kinds.map((kind) => {
        const on = !input.hiddenKinds.has(kind);
        return h(
          "li",
          null,
          h(
            "button",
            {
              type: "button",
              class: `legend-item${on ? "" : " off"}`,
              dataset: { kind },
              attrs: {
                "aria-pressed": String(on),
                title: `${on ? "Hide" : "Show"} ${KIND_STYLES[kind].plural.toLowerCase()}`,
              },
              on: { click: () => actions.toggleKind(kind) },
            },
            shapeIcon(kind, 14, on ? undefined : MUTED_NODE_COLOR),
            h("span", { class: "legend-label" }, KIND_STYLES[kind].label),
            h("span", { class: "legend-count" }, formatNumber(input.counts.get(kind) ?? 0)),
          ),
        );
      }),
    ),
    input.outsideCount > 0
      ? h(
          "div",
          { class: "legend-note" },
          shapeIcon("application", 12, outsideColor(KIND_STYLES.application.color)),
          `Lighter: outside this cluster (${formatNumber(input.outsideCount)})`,
        )
      : null,
    input.commonCount > 0
      ? h(
          "div",
          { class: "legend-common" },
          h(
            "div",
            { class: "legend-common-head" },
            h("span", { class: "common-swatch", attrs: { "aria-hidden": "true" } }),
            `Common infrastructure (${formatNumber(input.commonCount)})`,
          ),
          h(
            "div",
            { class: "segmented", attrs: { role: "radiogroup", "aria-label": "Common infrastructure" } },
            COMMON_MODES.map(([mode, label]) =>
              h(
                "button",
                {
                  type: "button",
                  class: "segment",
                  dataset: { common: mode },
                  attrs: { role: "radio", "aria-checked": String(input.common === mode) },
                  on: { click: () => actions.setCommon(mode) },
                },
                label,
              ),
            ),
          ),
        )
      : null,
  );
}
