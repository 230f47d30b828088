/**
 * Why linked
 * ==========
 *
 * Two application slots (A and B), the "Explain link" action, and the answer: the shortest chains of
 * shared identifiers in words, one step per line, each node clickable. The chains themselves are
 * highlighted in the graph by the reducers.
 */
import type { Explanation } from "../../api.js";
import { keyOfRef } from "../../graph/kinds.js";
import { h } from "../../ui/dom.js";
import { plural } from "../../ui/format.js";
import { shapeIcon } from "../../ui/shape-icon.js";
import { errorMessage } from "../../ui/states.js";

export interface WhyState {
  pair: readonly [string | null, string | null];
  explanation: Explanation | null;
  loading: boolean;
  error: unknown;
}

export interface WhyActions {
  run(): void;
  clear(): void;
  clearSlot(slot: 0 | 1): void;
  select(ref: string): void;
  label(ref: string): string;
}

/** Paths listed in full; the rest are only counted (they are all highlighted). */
const MAX_LISTED = 5;

function slot(name: "A" | "B", ref: string | null, index: 0 | 1, actions: WhyActions): HTMLElement {
  return h(
    "div",
    { class: `why-slot${ref ? "" : " empty"}`, dataset: { slot: name } },
    h("span", { class: "why-slot-name" }, name),
    ref
      ? h(
          "button",
          { type: "button", class: "link-button", on: { click: () => actions.select(ref) } },
          actions.label(ref),
        )
      : h(
          "span",
          { class: "muted small" },
          "Select an application, then “Compare as " + name + "” (or shift-click it)",
        ),
    ref
      ? h(
          "button",
          {
            type: "button",
            class: "icon-button",
            attrs: { "aria-label": `Clear ${name}` },
            on: { click: () => actions.clearSlot(index) },
          },
          "×",
        )
      : null,
  );
}

function pathView(p: Explanation["paths"][number], i: number, actions: WhyActions): HTMLElement {
  return h(
    "li",
    { class: "why-path" },
    h("div", { class: "why-path-head" }, `Chain ${i + 1} · ${plural(p.length, "shared identifier")}`),
    h(
      "ol",
      { class: "why-steps" },
      p.text.split("; ").map((step) => h("li", null, step)),
    ),
    h(
      "div",
      { class: "why-nodes" },
      p.nodes.map((n) =>
        h(
          "button",
          {
            type: "button",
            class: "chip chip-identifier",
            attrs: { title: n.id },
            on: { click: () => actions.select(n.id) },
          },
          shapeIcon(n.kind, 12),
          n.kind === "application" ? keyOfRef(n.id) : n.label,
        ),
      ),
    ),
  );
}

export function whyPanel(s: WhyState, actions: WhyActions): HTMLElement {
  const ready = Boolean(s.pair[0] && s.pair[1]);
  const ex = s.explanation;
  return h(
    "section",
    { class: "why-panel", attrs: { "aria-labelledby": "why-title" } },
    h("h2", { class: "panel-title", id: "why-title" }, "Why linked?"),
    slot("A", s.pair[0], 0, actions),
    slot("B", s.pair[1], 1, actions),
    h(
      "div",
      { class: "why-actions" },
      h(
        "button",
        {
          type: "button",
          class: "btn btn-primary",
          disabled: !ready || s.loading,
          dataset: { action: "explain" },
          on: { click: actions.run },
        },
        s.loading ? "Explaining…" : "Explain link",
      ),
      ex || s.pair[0] || s.pair[1]
        ? h("button", { type: "button", class: "btn btn-ghost", on: { click: actions.clear } }, "Clear")
        : null,
    ),
    s.error ? h("p", { class: "state-error-inline", attrs: { role: "alert" } }, errorMessage(s.error)) : null,
    ex
      ? h(
          "div",
          { class: "why-result", attrs: { role: "status" } },
          ex.linked
            ? h(
                "p",
                { class: "why-summary" },
                `${plural(ex.paths.length, "shortest chain")} of ${plural(ex.paths[0]!.length, "shared identifier")}, highlighted in the graph.`,
              )
            : h("p", { class: "why-summary" }, ex.text + "."),
          ex.linked
            ? h(
                "ol",
                { class: "why-paths" },
                ex.paths.slice(0, MAX_LISTED).map((p, i) => pathView(p, i, actions)),
              )
            : null,
          ex.paths.length > MAX_LISTED
            ? h(
                "p",
                { class: "muted small" },
                `${ex.paths.length - MAX_LISTED} more chains of the same length are highlighted but not listed.`,
              )
            : null,
          ex.excluded_common_infrastructure > 0
            ? h(
                "p",
                { class: "muted small" },
                `Chains through the ${plural(ex.excluded_common_infrastructure, "common-infrastructure identifier")} were not considered.`,
              )
            : null,
        )
      : null,
  );
}
