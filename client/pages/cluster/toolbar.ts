/**
 * Graph toolbar
 * =============
 *
 * Over the graph: search inside it (Enter moves the camera to the next match), layout start/stop,
 * zoom, reset view, save as PNG and the keyboard shortcuts. Built once; `update` changes only what
 * moved, so the search box keeps its caret while the graph redraws.
 */
import type { SearchMatch } from "../../graph/search.js";
import { h } from "../../ui/dom.js";
import { formatNumber } from "../../ui/format.js";

export interface ToolbarState {
  layoutRunning: boolean;
  summaryOpen: boolean;
  sideOpen: boolean;
  fullscreen: boolean;
  /** null when the cluster has no person with several applications (nothing to group). */
  identitiesGrouped: boolean | null;
  search: string;
  matches: readonly SearchMatch[];
  activeMatch: number;
}

export interface ToolbarActions {
  search(text: string): void;
  nextMatch(step: 1 | -1): void;
  toggleLayout(): void;
  zoom(factor: number): void;
  resetView(): void;
  exportPng(): void;
  toggleSummary(): void;
  toggleSide(): void;
  toggleFullscreen(): void;
  toggleIdentities(): void;
}

export interface Toolbar {
  element: HTMLElement;
  update(s: ToolbarState): void;
  focusSearch(): void;
}

export const SHORTCUTS: [string, string][] = [
  ["/", "Search everything (header box)"],
  ["F", "Find in the graph"],
  ["[ / ]", "Hide or show the reasons / details panel"],
  ["M", "Full screen graph (Esc leaves)"],
  ["G", "One node per person, or per application"],
  ["Enter / Shift+Enter", "Next / previous match (in search)"],
  ["L", "Start or stop the layout"],
  ["R", "Reset view (filters, camera)"],
  ["+ / −", "Zoom in / out"],
  ["E", "Expand the selected node (again: load more)"],
  ["C", "Collapse the selected node"],
  ["A / B", "Compare the selected application as A / B"],
  ["W", "Explain why A and B are linked"],
  ["P", "Save the view as PNG"],
  ["Esc", "Clear selection and highlights"],
];

export function createToolbar(actions: ToolbarActions): Toolbar {
  const input = h("input", {
    type: "search",
    class: "input graph-search",
    id: "graph-search",
    placeholder: "Find in graph: name, id, email, IP…",
    attrs: { "aria-label": "Find a node in the graph", autocomplete: "off", "aria-describedby": "graph-search-status" },
  });
  const status = h("span", { class: "search-status", id: "graph-search-status", attrs: { "aria-live": "polite" } });
  let timer: ReturnType<typeof setTimeout> | undefined;
  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(() => actions.search(input.value), 200);
  });
  input.addEventListener("keydown", (e) => {
    if (e.key === "Enter") {
      e.preventDefault();
      clearTimeout(timer);
      actions.search(input.value);
      actions.nextMatch(e.shiftKey ? -1 : 1);
    } else if (e.key === "Escape") {
      input.value = "";
      actions.search("");
      input.blur();
    }
  });
  const layoutButton = h(
    "button",
    {
      type: "button",
      class: "btn btn-small",
      dataset: { action: "layout" },
      attrs: { "aria-keyshortcuts": "L" },
      on: { click: actions.toggleLayout },
    },
    "Layout",
  );
  const button = (label: string, title: string, action: string, onClick: () => void, key?: string) =>
    h(
      "button",
      {
        type: "button",
        class: "btn btn-small btn-ghost",
        dataset: { action },
        attrs: { title, "aria-label": title, "aria-keyshortcuts": key ?? null },
        on: { click: onClick },
      },
      label,
    );
  const toggle = (label: string, title: string, action: string, onClick: () => void, key: string) =>
    h(
      "button",
      {
        type: "button",
        class: "btn btn-small btn-ghost toggle",
        dataset: { action },
        attrs: { title: `${title} (${key})`, "aria-pressed": "false", "aria-keyshortcuts": key },
        on: { click: onClick },
      },
      label,
    );
  const summaryButton = toggle(
    "◧ Reasons",
    "Show or hide the reasons panel",
    "toggle-summary",
    actions.toggleSummary,
    "[",
  );
  const sideButton = toggle("Details ◨", "Show or hide the details panel", "toggle-side", actions.toggleSide, "]");
  const fullButton = toggle(
    "⛶ Full screen",
    "Give the graph the whole window",
    "fullscreen",
    actions.toggleFullscreen,
    "M",
  );
  const identitiesButton = toggle(
    "One node per person",
    "Draw one person's applications as one node with a count",
    "identities",
    actions.toggleIdentities,
    "G",
  );
  const help = h(
    "details",
    { class: "shortcuts" },
    h("summary", { class: "btn btn-small btn-ghost", attrs: { "aria-label": "Keyboard shortcuts" } }, "Keys"),
    h(
      "div",
      { class: "shortcuts-popover" },
      h(
        "table",
        null,
        h(
          "tbody",
          null,
          SHORTCUTS.map(([k, v]) => h("tr", null, h("th", { scope: "row" }, h("kbd", null, k)), h("td", null, v))),
        ),
      ),
    ),
  );
  const element = h(
    "div",
    { class: "graph-toolbar", attrs: { role: "toolbar", "aria-label": "Graph tools" } },
    h("div", { class: "toolbar-group search-group" }, input, status),
    h("div", { class: "toolbar-group" }, layoutButton, identitiesButton),
    h(
      "div",
      { class: "toolbar-group" },
      button("+", "Zoom in", "zoom-in", () => actions.zoom(1 / 1.5), "+"),
      button("−", "Zoom out", "zoom-out", () => actions.zoom(1.5), "-"),
      button("Reset view", "Reset view: clear filters and fit the graph", "reset", actions.resetView, "R"),
      button("Save PNG", "Save the current view as a PNG image", "export", actions.exportPng, "P"),
      help,
    ),
    h("div", { class: "toolbar-group toolbar-view" }, summaryButton, sideButton, fullButton),
  );
  return {
    element,
    update(s) {
      if (document.activeElement !== input && input.value !== s.search) input.value = s.search;
      layoutButton.textContent = s.layoutRunning ? "Stop layout" : "Run layout";
      layoutButton.setAttribute("aria-pressed", String(s.layoutRunning));
      summaryButton.setAttribute("aria-pressed", String(s.summaryOpen));
      sideButton.setAttribute("aria-pressed", String(s.sideOpen));
      fullButton.setAttribute("aria-pressed", String(s.fullscreen));
      fullButton.textContent = s.fullscreen ? "Leave full screen" : "⛶ Full screen";
      identitiesButton.hidden = s.identitiesGrouped === null;
      identitiesButton.setAttribute("aria-pressed", String(Boolean(s.identitiesGrouped)));
      status.textContent = !s.search
        ? ""
        : s.matches.length === 0
          ? "No match"
          : `${s.activeMatch >= 0 ? `${s.activeMatch + 1} of ` : ""}${formatNumber(s.matches.length)}${s.matches.length >= 50 ? "+" : ""} match${s.matches.length === 1 ? "" : "es"}`;
    },
    focusSearch() {
      input.focus();
      input.select();
    },
  };
}
