/**
 * The queue's filter bar: risk level, pattern, triage, size, dates, text search, and which run is listed
 * (or what is new since an earlier one). Every change goes through `apply` as a new queue query.
 */
import type { RunsPage } from "../../api.js";
import {
  PATTERN_NAMES,
  RISK_LEVELS,
  TRIAGE_FILTERS,
  clearedFilters,
  isFiltered,
  withFilter,
  type QueueQuery,
  type TriageFilter,
} from "../../state/queue-query.js";
import { TRIAGE_LABELS } from "../../ui/triage.js";
import { h } from "../../ui/dom.js";
import { LEVEL_LABELS, formatDateTime, patternLabel } from "../../ui/format.js";

type Run = RunsPage["runs"][number];

const runLabel = (r: Run) => `${formatDateTime(r.finished_at ?? r.started_at)} · ${r.id}`;

/**
 * The run and "new or grown since" choices: finished runs, newest first. "Since" offers only runs that
 * started before the one listed (the latest when none is chosen).
 */
function runChoices(runs: Run[], query: QueueQuery): { run: [string, string][]; since: [string, string][] } {
  const finished = runs.filter((r) => r.status === "finished");
  const viewed = query.run ? finished.find((r) => r.id === query.run) : finished[0];
  const before = viewed?.started_at ?? null;
  const listed = (rs: Run[], keep: string | null) => {
    const out = rs.map((r): [string, string] => [r.id, runLabel(r)]);
    // A run named in the URL stays selectable even when it is past the first page of runs.
    if (keep && !out.some(([id]) => id === keep)) out.push([keep, keep]);
    return out;
  };
  return {
    run: listed(finished, query.run),
    since: listed(
      finished.filter((r) => r !== viewed && before !== null && r.started_at !== null && r.started_at < before),
      query.newSince,
    ),
  };
}

export function filterBar(query: QueueQuery, runs: Run[] | null, apply: (q: QueueQuery) => void): HTMLElement {
  const search = h("input", {
    type: "search",
    class: "input search-input",
    id: "queue-search",
    value: query.q,
    placeholder: "Search names, application ids, emails, phones, IPs…",
    attrs: { "aria-label": "Search clusters by name or identifier", autocomplete: "off" },
  });
  let timer: ReturnType<typeof setTimeout> | undefined;
  search.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(() => apply(withFilter(query, { q: search.value.trim() })), 350);
  });
  search.addEventListener("keydown", (e) => {
    if (e.key === "Enter") {
      clearTimeout(timer);
      apply(withFilter(query, { q: search.value.trim() }));
    }
  });

  const select = (
    label: string,
    name: string,
    value: string | null,
    options: [string, string][],
    on: (v: string | null) => void,
    anyLabel = "Any",
  ) =>
    h(
      "label",
      { class: "field" },
      h("span", { class: "field-label" }, label),
      h(
        "select",
        { class: "input", name, on: { change: (e: Event) => on((e.target as HTMLSelectElement).value || null) } },
        h("option", { value: "" }, anyLabel),
        options.map(([v, text]) => h("option", { value: v, selected: v === value }, text)),
      ),
    );

  const dateField = (label: string, name: "from" | "to", value: string | null) =>
    h(
      "label",
      { class: "field" },
      h("span", { class: "field-label" }, label),
      h("input", {
        class: "input",
        type: "date",
        name,
        value: value ?? "",
        on: {
          change: (e: Event) => apply(withFilter(query, { [name]: (e.target as HTMLInputElement).value || null })),
        },
      }),
    );

  const minSize = h("input", {
    class: "input input-narrow",
    type: "number",
    name: "min_size",
    min: "2",
    step: "1",
    value: query.minSize === null ? "" : String(query.minSize),
    placeholder: "2",
    on: {
      change: (e: Event) => {
        const v = Number((e.target as HTMLInputElement).value);
        apply(withFilter(query, { minSize: Number.isInteger(v) && v >= 2 ? v : null }));
      },
    },
  });

  const choices = runs ? runChoices(runs, query) : null;
  return h(
    "form",
    {
      class: "filter-bar",
      attrs: { role: "search", "aria-label": "Filter clusters" },
      on: { submit: (e: Event) => e.preventDefault() },
    },
    h("div", { class: "filter-search" }, search),
    choices
      ? [
          // A different run has different predecessors: the "since" choice starts again.
          select(
            "Run",
            "run",
            query.run,
            choices.run,
            (v) => apply(withFilter(query, { run: v, newSince: null })),
            "Latest",
          ),
          select(
            "New or grown since",
            "new_since",
            query.newSince,
            choices.since,
            (v) => apply(withFilter(query, { newSince: v })),
            "Any run",
          ),
        ]
      : null,
    select(
      "Risk",
      "level",
      query.level,
      RISK_LEVELS.map((l) => [l, LEVEL_LABELS[l]]),
      (v) => apply(withFilter(query, { level: v as QueueQuery["level"] })),
    ),
    select(
      "Pattern",
      "pattern",
      query.pattern,
      PATTERN_NAMES.map((p) => [p, patternLabel(p)]),
      (v) => apply(withFilter(query, { pattern: v as QueueQuery["pattern"] })),
    ),
    select(
      "Triage",
      "triage",
      query.triage,
      (Object.keys(TRIAGE_FILTERS) as TriageFilter[]).map((k) => [
        k,
        k === "todo" ? "Needs a verdict" : TRIAGE_LABELS[k],
      ]),
      (v) => apply(withFilter(query, { triage: v as TriageFilter | null })),
    ),
    h("label", { class: "field" }, h("span", { class: "field-label" }, "Min. size"), minSize),
    dateField("Submitted from", "from", query.from),
    dateField("to", "to", query.to),
    isFiltered(query)
      ? h(
          "button",
          { type: "button", class: "btn btn-ghost", on: { click: () => apply(clearedFilters(query)) } },
          "Clear filters",
        )
      : null,
  );
}
