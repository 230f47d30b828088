/**
 * Header search
 * =============
 *
 * One box in the header for every starting point a tip gives: an application id or name (typos
 * allowed), any identifier as typed (normalised by the server as ingest does), a cluster id, a case id
 * or title. `/` focuses it from anywhere (outside text fields); results are grouped by kind and
 * keyboard-driven: arrows move, Enter opens (the first result when none is chosen), Esc closes.
 * Shown to the roles that may search (investigators and leads).
 */
import "./explore.css";

import { ApiError, api } from "../../api.js";
import { registerHeaderItem } from "../../app/registry.js";
import { currentUser, onSessionChange } from "../../app/session.js";
import { GROUP_TITLES, moveActive, searchEntries, type SearchEntry } from "../../explore/search-entries.js";
import { h, replace } from "../../ui/dom.js";

const DEBOUNCE_MS = 180;

function navigateTo(href: string): void {
  // The router intercepts in-app link clicks; a synthetic click keeps one way of navigating.
  const a = h("a", { href });
  document.body.append(a);
  a.click();
  a.remove();
}

function render(el: HTMLElement): () => void {
  const input = h("input", {
    type: "search",
    class: "input header-search-input",
    id: "global-search",
    placeholder: "Search applications, identifiers, clusters, cases  ( / )",
    autocomplete: "off",
    spellcheck: false,
    attrs: {
      role: "combobox",
      "aria-label": "Search everything",
      "aria-expanded": "false",
      "aria-controls": "global-search-results",
      "aria-autocomplete": "list",
      maxlength: 200,
    },
  });
  const list = h("div", {
    class: "header-search-results",
    id: "global-search-results",
    hidden: true,
    attrs: { role: "listbox", "aria-label": "Search results" },
  });
  const box = h("div", { class: "header-search", attrs: { role: "search" } }, input, list);
  replace(el, box);
  el.hidden = true;

  let entries: SearchEntry[] = [];
  let active = -1;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let inflight: AbortController | null = null;
  let lastQuery = "";

  const open = (yes: boolean) => {
    list.hidden = !yes;
    input.setAttribute("aria-expanded", String(yes));
  };

  function draw(message?: string): void {
    const groups: HTMLElement[] = [];
    let index = 0;
    for (const group of ["clusters", "identifiers", "applications", "cases"] as const) {
      const items = entries.filter((e) => e.group === group);
      if (!items.length) continue;
      groups.push(
        h(
          "div",
          { class: "search-group", attrs: { role: "group", "aria-label": GROUP_TITLES[group] } },
          h("div", { class: "search-group-title", attrs: { "aria-hidden": "true" } }, GROUP_TITLES[group]),
          items.map((e) => {
            const i = index++;
            return h(
              "a",
              {
                href: e.href,
                id: `global-search-option-${i}`,
                class: `search-option${i === active ? " active" : ""}`,
                dataset: { group: e.group, index: String(i) },
                attrs: { role: "option", "aria-selected": String(i === active), tabindex: "-1" },
                on: { mousedown: (ev: MouseEvent) => ev.preventDefault(), click: () => close() },
              },
              h("span", { class: "search-option-label" }, e.label),
              h("span", { class: "search-option-detail" }, e.detail),
            );
          }),
        ),
      );
    }
    replace(list, message ? h("p", { class: "search-message" }, message) : null, groups);
    if (active >= 0) input.setAttribute("aria-activedescendant", `global-search-option-${active}`);
    else input.removeAttribute("aria-activedescendant");
    list.querySelector(".search-option.active")?.scrollIntoView({ block: "nearest" });
  }

  async function run(q: string): Promise<void> {
    inflight?.abort();
    const ctrl = new AbortController();
    inflight = ctrl;
    try {
      const result = await api.search(q, ctrl.signal, 10);
      if (ctrl.signal.aborted) return;
      lastQuery = q;
      entries = searchEntries(result);
      active = entries.length ? 0 : -1;
      draw(entries.length ? undefined : `Nothing found for “${q}”.`);
      open(true);
    } catch (err) {
      if (ctrl.signal.aborted || (err as Error).name === "AbortError") return;
      entries = [];
      active = -1;
      draw(err instanceof ApiError ? err.message : "The search failed.");
      open(true);
    }
  }

  function close(): void {
    open(false);
    active = -1;
  }

  input.addEventListener("input", () => {
    if (timer) clearTimeout(timer);
    const q = input.value.trim();
    if (q.length < 2) {
      inflight?.abort();
      entries = [];
      close();
      return;
    }
    timer = setTimeout(() => void run(q), DEBOUNCE_MS);
  });
  input.addEventListener("keydown", (e) => {
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      if (list.hidden && entries.length) open(true);
      active = moveActive(active, entries.length, e.key === "ArrowDown" ? 1 : -1);
      draw();
    } else if (e.key === "Enter") {
      e.preventDefault();
      const q = input.value.trim();
      // Enter before the answer came back: search now, then open the first result.
      if (q !== lastQuery && q.length >= 2) {
        if (timer) clearTimeout(timer);
        void run(q).then(() => {
          if (entries[0]) go(entries[0]);
        });
        return;
      }
      const target = entries[active >= 0 ? active : 0];
      if (target) go(target);
    } else if (e.key === "Escape") {
      if (!list.hidden) {
        e.preventDefault();
        close();
      } else input.blur();
    }
  });
  input.addEventListener("focus", () => {
    if (entries.length && input.value.trim() === lastQuery) open(true);
  });
  input.addEventListener("blur", () => setTimeout(close, 150));

  function go(entry: SearchEntry): void {
    close();
    // The next search starts empty: an old list must never answer a new query.
    input.value = "";
    entries = [];
    lastQuery = "";
    input.blur();
    navigateTo(entry.href);
  }

  // `/` from anywhere outside a text field: captured before the pages' own shortcuts see it.
  const onKey = (e: KeyboardEvent) => {
    if (e.key !== "/" || e.ctrlKey || e.metaKey || e.altKey || el.hidden) return;
    const t = e.target as HTMLElement | null;
    if (t?.closest?.("input, select, textarea, [contenteditable]")) return;
    e.preventDefault();
    e.stopPropagation();
    input.focus();
    input.select();
  };
  window.addEventListener("keydown", onKey, true);

  const decide = () =>
    void currentUser()
      .catch(() => null)
      .then((me) => {
        el.hidden = !me || (me.role !== "investigator" && me.role !== "lead");
      });
  decide();
  const off = onSessionChange(decide);
  return () => {
    off();
    window.removeEventListener("keydown", onKey, true);
  };
}

registerHeaderItem({ id: "search", order: 5, render });
