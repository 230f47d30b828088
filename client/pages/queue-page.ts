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
import { api, type RunsPage } from "../api.js";
import { registerNavLink, registerPage, type PageContext } from "../app/registry.js";
import {
  PAGE_SIZE,
  clearedFilters,
  decodeQueueQuery,
  encodeQueueQuery,
  isFiltered,
  toApiQuery,
  type QueueQuery,
} from "../state/queue-query.js";
import { h, replace } from "../ui/dom.js";
import { pager } from "../ui/pager.js";
import { formatDateTime, plural } from "../ui/format.js";
import { emptyState, errorState, loadingState } from "../ui/states.js";
import { ACCESS } from "../../server/common/roles.js";
import { filterBar } from "./queue/queue-filters.js";
import { queueTable } from "./queue/queue-table.js";

type Run = RunsPage["runs"][number];

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
          queueTable(page, query.run, ctx),
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
