/**
 * Cluster queue page
 * ==================
 *
 * `/clusters`: the latest run's clusters by descending risk, with level, patterns, size, first and last
 * submission and the change since the previous run; any retained run can be listed instead, and the
 * queue narrowed to what is new or grew since an earlier run. Filters and text search kept in the URL
 * (see state/queue-query.ts) so a filtered queue can be bookmarked and shared. Keyboard: `/` focuses the
 * search, `j`/`k` move between clusters, Enter opens one.
 */
import { api, type ClustersPage, type RunsPage } from "../api.js";
import { registerNavLink, registerPage, type PageContext } from "../app/registry.js";
import {
  PAGE_SIZE,
  PATTERN_NAMES,
  RISK_LEVELS,
  TRIAGE_FILTERS,
  clearedFilters,
  decodeQueueQuery,
  encodeQueueQuery,
  isFiltered,
  toApiQuery,
  withFilter,
  type QueueQuery,
  type TriageFilter,
} from "../state/queue-query.js";
import { TRIAGE_LABELS, triageBadge } from "../ui/triage.js";
import { clusterHref } from "../state/cluster-url.js";
import { changeBadge, intakeBadges, patternChip, riskBadge, riskMeter } from "../ui/badges.js";
import { h, replace } from "../ui/dom.js";
import { pager } from "../ui/pager.js";
import {
  LEVEL_LABELS,
  formatDate,
  formatDateTime,
  formatNumber,
  patternLabel,
  plural,
  truncate,
} from "../ui/format.js";
import { emptyState, errorState, loadingState } from "../ui/states.js";
import { ACCESS } from "../../server/common/roles.js";
import { dataTable } from "../ui/table.js";

type Cluster = ClustersPage["clusters"][number];
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

function filterBar(query: QueueQuery, runs: Run[] | null, apply: (q: QueueQuery) => void): HTMLElement {
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

function clusterRow(c: Cluster, run: string | null, ctx: PageContext): HTMLElement {
  const href = clusterHref(c.id, { run });
  const topReason = c.reasons[0]?.text ?? "";
  const row = h(
    "tr",
    { class: "queue-row", dataset: { cluster: c.id } },
    h(
      "td",
      { class: "col-risk" },
      h("div", { class: "risk-cell" }, riskBadge(c.risk_level, c.risk_score), riskMeter(c.risk_score, c.risk_level)),
    ),
    h(
      "td",
      { class: "col-cluster" },
      h("a", { href, class: "cluster-link" }, c.id),
      changeBadge(c.change),
      ...intakeBadges(c),
      topReason ? h("div", { class: "row-reason", attrs: { title: topReason } }, truncate(topReason, 110)) : null,
    ),
    h("td", { class: "col-patterns" }, h("div", { class: "chips" }, c.patterns.map(patternChip))),
    h(
      "td",
      { class: "col-num" },
      h("strong", null, formatNumber(c.size ?? c.application_ids.length)),
      c.identities !== undefined
        ? h("div", { class: "muted small" }, plural(c.identities, "identity", "identities"))
        : null,
    ),
    h(
      "td",
      { class: "col-triage" },
      triageBadge(c.triage_state),
      c.case_ids?.length
        ? h(
            "div",
            { class: "small" },
            c.case_ids.flatMap((id, i) => [i ? ", " : "", h("a", { href: `/cases/${encodeURIComponent(id)}` }, id)]),
          )
        : null,
    ),
    h("td", { class: "col-date" }, formatDate(c.first_submitted_at)),
    h("td", { class: "col-date" }, formatDate(c.last_submitted_at)),
  );
  row.addEventListener("click", (e) => {
    if ((e.target as Element).closest("a")) return;
    ctx.navigate(href);
  });
  return row;
}

function table(page: ClustersPage, run: string | null, ctx: PageContext): HTMLElement {
  return dataTable(
    "queue-table",
    [
      { title: "Risk", class: "col-risk" },
      "Cluster",
      "Patterns",
      { title: "Applications", class: "col-num" },
      { title: "Triage", class: "col-triage" },
      { title: "First submitted", class: "col-date" },
      { title: "Last submitted", class: "col-date" },
    ],
    page.clusters.map((c) => clusterRow(c, run, ctx)),
    { caption: "Clusters by descending risk" },
  );
}

async function mount(ctx: PageContext): Promise<() => void> {
  let query = decodeQueueQuery(ctx.query);
  const heading = h(
    "div",
    { class: "page-heading" },
    h("h1", null, "Clusters"),
    h("p", { class: "page-sub muted", id: "queue-run" }, "\u00a0"),
  );
  const filters = h("div");
  const results = h("section", { class: "queue-results", attrs: { "aria-live": "polite", "aria-busy": "true" } });
  replace(ctx.root, h("div", { class: "page-queue" }, heading, filters, results));
  let inflight: AbortController | null = null;
  // The runs to choose from, loaded once beside the first page of clusters; the run choices appear when
  // they arrive, and without them (an error) the queue still works on the latest run.
  let runs: Run[] | null = null;
  void api
    .runs(ctx.signal)
    .then((page) => {
      runs = page.runs;
      renderFilters();
    })
    .catch(() => undefined);

  const apply = (next: QueueQuery) => {
    query = next;
    ctx.replaceQuery(encodeQueueQuery(query));
    void load();
  };

  function renderFilters(): void {
    // Re-rendering the filters must not steal the caret from someone typing in the search box.
    const active = document.activeElement as HTMLInputElement | null;
    const typing = active?.id === "queue-search" ? active.selectionStart : null;
    replace(filters, filterBar(query, runs, apply));
    if (typing !== null) {
      const input = document.getElementById("queue-search") as HTMLInputElement;
      input.focus();
      input.setSelectionRange(typing, typing);
    }
  }

  async function load(): Promise<void> {
    renderFilters();
    inflight?.abort();
    const ac = new AbortController();
    inflight = ac;
    ctx.signal.addEventListener("abort", () => ac.abort(), { once: true });
    results.setAttribute("aria-busy", "true");
    // Keep the rows (and the count) shown, dimmed, until the new page arrives: no flash to a spinner.
    const sub = heading.querySelector("#queue-run")!;
    if (results.querySelector("table")) {
      results.classList.add("is-stale");
      sub.classList.add("is-stale");
    } else replace(results, loadingState("Loading clusters…"));
    try {
      const page = await api.clusters(toApiQuery(query), ac.signal);
      if (ac.signal.aborted) return;
      // Filters other than "new since", which has wording of its own.
      const narrowed = isFiltered({ ...query, newSince: null });
      if (page.run_id)
        sub.textContent =
          `Detection run ${page.run_id} · ${formatDateTime(page.generated_at)} · ${plural(page.total, "cluster")}` +
          (narrowed ? " match" : "") +
          (query.newSince ? `, new or grown since run ${query.newSince}` : "");
      else if (!isFiltered(query)) sub.textContent = "No detection run yet";
      // Filters matching nothing can come back without a run id: that is "no match", not "no run".
      if (!page.run_id && !isFiltered(query)) {
        replace(
          results,
          emptyState(
            "No detection run has finished yet",
            "Clusters appear here once detection has run over the ingested applications (npm run detect, or the scheduled run).",
          ),
        );
      } else if (page.clusters.length === 0) {
        replace(
          results,
          emptyState(
            query.newSince && !narrowed
              ? `No cluster is new or grew since run ${query.newSince}`
              : isFiltered(query)
                ? "No clusters match these filters"
                : "This run found no clusters",
            isFiltered(query)
              ? "Widen the filters or clear them."
              : "No group of applications shared identifiers beyond common infrastructure.",
            isFiltered(query)
              ? h(
                  "button",
                  { type: "button", class: "btn", on: { click: () => apply(clearedFilters(query)) } },
                  "Clear filters",
                )
              : undefined,
          ),
        );
      } else {
        replace(
          results,
          table(page, query.run, ctx),
          pager({
            offset: page.offset,
            pageSize: PAGE_SIZE,
            shown: page.clusters.length,
            total: page.total,
            onOffset: (offset) => apply({ ...query, offset }),
          }),
        );
      }
    } catch (err) {
      if (ac.signal.aborted) return;
      replace(
        results,
        errorState("The clusters could not be loaded", err, () => void load()),
      );
    } finally {
      if (!ac.signal.aborted) {
        results.setAttribute("aria-busy", "false");
        results.classList.remove("is-stale");
        sub.classList.remove("is-stale");
      }
    }
  }

  const onKey = (e: KeyboardEvent) => {
    const target = e.target as HTMLElement;
    if (target.closest("input, select, textarea")) return;
    // "/" belongs to the header's search-everything box; F filters this queue.
    if (e.key === "f") {
      e.preventDefault();
      (document.getElementById("queue-search") as HTMLInputElement | null)?.focus();
    } else if (e.key === "j" || e.key === "k") {
      const links = [...ctx.root.querySelectorAll<HTMLAnchorElement>("a.cluster-link")];
      if (!links.length) return;
      const i = links.indexOf(document.activeElement as HTMLAnchorElement);
      const next = e.key === "j" ? Math.min(links.length - 1, i + 1) : Math.max(0, i < 0 ? 0 : i - 1);
      links[next]!.focus();
      e.preventDefault();
    }
  };
  document.addEventListener("keydown", onKey);
  await load();
  return () => {
    inflight?.abort();
    document.removeEventListener("keydown", onKey);
  };
}

registerPage({ id: "queue", path: "/clusters", title: "Clusters", mount });
registerNavLink({
  id: "clusters",
  label: "Clusters",
  href: "/clusters",
  order: 10,
  pages: ["queue", "cluster"],
  roles: ACCESS.investigate,
});
