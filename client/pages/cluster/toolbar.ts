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
}

export interface Toolbar {
  element: HTMLElement;
  update(s: ToolbarState): void;
  focusSearch(): void;
}

export const SHORTCUTS: [string, string][] = [
  ["/", "Search in the graph"],
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
    h("div", { class: "toolbar-group" }, layoutButton),
    h(
      "div",
      { class: "toolbar-group" },
      button("+", "Zoom in", "zoom-in", () => actions.zoom(1 / 1.5), "+"),
      button("−", "Zoom out", "zoom-out", () => actions.zoom(1.5), "-"),
      button("Reset view", "Reset view: clear filters and fit the graph", "reset", actions.resetView, "R"),
      button("Save PNG", "Save the current view as a PNG image", "export", actions.exportPng, "P"),
      help,
    ),
  );
  return {
    element,
    update(s) {
      if (document.activeElement !== input && input.value !== s.search) input.value = s.search;
      layoutButton.textContent = s.layoutRunning ? "Stop layout" : "Run layout";
      layoutButton.setAttribute("aria-pressed", String(s.layoutRunning));
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
