/**
 * Runs page
 * =========
 *
 * `/runs`: every retained detection run, newest first, with its status, trigger, times, counts, timings
 * and diff against the run before it (new, grown, shrunk, merged, split, dissolved). Each run opens to
 * its changed clusters, each linking to that cluster in that run; a dissolved cluster links to its page,
 * which says where its applications went.
 */
import { api, type RunDetail, type RunsPage } from "../api.js";
import { registerNavLink, registerPage, type PageContext } from "../app/registry.js";
import { clusterHref } from "../state/cluster-url.js";
import { h, replace } from "../ui/dom.js";
import { dataTable } from "../ui/table.js";
import { formatDateTime, formatNumber, humanise, plural } from "../ui/format.js";
import { emptyState, errorState, loadingState } from "../ui/states.js";
import "../ui/triage.css";
import { ACCESS } from "../../server/common/roles.js";

type Run = RunsPage["runs"][number];
const DIFF_KEYS = ["new", "grown", "shrunk", "merged", "split", "dissolved", "unchanged"] as const;

function seconds(v: number | undefined): string {
  return typeof v === "number" ? `${v < 10 ? v.toFixed(2) : v.toFixed(1)} s` : "—";
}

function diffCounts(r: Run): HTMLElement {
  const d = r.diff_counts ?? {};
  return h(
    "div",
    { class: "diff-counts" },
    DIFF_KEYS.filter((k) => (d[k] ?? 0) > 0 || k === "new").map((k) =>
      h("span", { dataset: { diff: k } }, `${formatNumber(d[k] ?? 0)} ${k}`),
    ),
  );
}

interface DiffEntry {
  id: string;
  change: string;
  size: number;
  added: number;
  removed: number;
  previous_ids: string[];
}
interface StoredDiff {
  previous_run_id: string | null;
  changed?: DiffEntry[];
  dissolved?: { id: string; size: number }[];
  splits?: { previous_id: string; into: string[] }[];
}

function diffDetail(run: RunDetail): HTMLElement {
  const diff = (run.diff ?? {}) as StoredDiff;
  const changed = diff.changed ?? [];
  const groups = DIFF_KEYS.filter((k) => k !== "dissolved" && k !== "unchanged").map((k) => ({
    k,
    entries: changed.filter((c) => c.change === k),
  }));
  const clusterLink = (id: string) => h("a", { class: "cluster-link", href: clusterHref(id, { run: run.id }) }, id);
  return h(
    "div",
    { class: "run-diff", dataset: { runDiff: run.id } },
    h(
      "p",
      null,
      h("a", { href: `/clusters?run=${encodeURIComponent(run.id)}` }, "All clusters of this run"),
      diff.previous_run_id
        ? [
            " · ",
            h(
              "a",
              {
                href: `/clusters?run=${encodeURIComponent(run.id)}&new_since=${encodeURIComponent(diff.previous_run_id)}`,
              },
              `New or grown since ${diff.previous_run_id}`,
            ),
          ]
        : " · the first run: every cluster is new",
    ),
    groups
      .filter((g) => g.entries.length)
      .map((g) =>
        h(
          "section",
          { dataset: { group: g.k } },
          h("h3", null, `${humanise(g.k)} (${g.entries.length})`),
          h(
            "ul",
            null,
            g.entries.map((e) =>
              h(
                "li",
                null,
                clusterLink(e.id),
                ` ${plural(e.size, "application")}`,
                e.added ? ` · +${e.added}` : "",
                e.removed ? ` · −${e.removed}` : "",
                e.previous_ids.length && (g.k === "merged" || g.k === "split")
                  ? ` · from ${e.previous_ids.join(", ")}`
                  : "",
              ),
            ),
          ),
        ),
      ),
    diff.dissolved?.length
      ? h(
          "section",
          { dataset: { group: "dissolved" } },
          h("h3", null, `Dissolved (${diff.dissolved.length})`),
          h(
            "ul",
            null,
            diff.dissolved.map((d) =>
              h(
                "li",
                null,
                h("a", { class: "cluster-link", href: clusterHref(d.id, { run: null }) }, d.id),
                ` ${plural(d.size, "application")}`,
              ),
            ),
          ),
        )
      : null,
    !changed.length && !diff.dissolved?.length ? h("p", { class: "muted" }, "No cluster changed.") : null,
  );
}

function runRow(r: Run, open: (r: Run, row: HTMLElement) => void): HTMLElement {
  const counts = r.counts ?? {};
  const row = h(
    "tr",
    { class: "queue-row", id: r.id, dataset: { run: r.id, status: r.status } },
    h(
      "td",
      null,
      h("button", { type: "button", class: "btn btn-small btn-ghost", on: { click: () => open(r, row) } }, "▸"),
      " ",
      h("span", { class: "mono" }, r.id),
    ),
    h("td", null, humanise(r.status), r.error ? h("div", { class: "small muted" }, r.error) : null),
    h("td", null, r.trigger ?? "—"),
    h(
      "td",
      { class: "col-date" },
      formatDateTime(r.started_at),
      h("div", { class: "small" }, r.finished_at ? `→ ${formatDateTime(r.finished_at)}` : ""),
    ),
    h("td", { class: "col-num" }, formatNumber(Number(counts.clusters ?? 0))),
    h(
      "td",
      { class: "col-num" },
      seconds(r.timings?.total),
      h("div", { class: "small muted" }, `detect ${seconds(r.timings?.detect)} · write ${seconds(r.timings?.persist)}`),
    ),
    h(
      "td",
      null,
      r.status === "finished" ? diffCounts(r) : r.progress ? `${r.progress.phase} ${r.progress.done}` : "—",
    ),
  );
  return row;
}

async function mount(ctx: PageContext): Promise<void> {
  // The same centred, padded column as the other list pages.
  const host = h("div", { class: "page-queue page-runs" });
  replace(ctx.root, host);
  replace(
    host,
    h(
      "div",
      { class: "page-heading" },
      h("h1", null, "Detection runs"),
      h("p", { class: "page-sub muted" }, "Every retained run, newest first; open one to see what changed."),
    ),
    loadingState("Loading runs…"),
  );
  let page: RunsPage;
  try {
    page = await api.runs(ctx.signal, { limit: 100 });
  } catch (err) {
    if (!ctx.signal.aborted)
      replace(
        host,
        errorState("The runs could not be loaded", err, () => void mount(ctx)),
      );
    return;
  }
  if (ctx.signal.aborted) return;
  if (!page.runs.length) {
    replace(
      host,
      emptyState(
        "No detection run yet",
        "Runs appear here once detection has run (npm run detect, or the scheduled run).",
      ),
    );
    return;
  }
  const open = async (r: Run, row: HTMLElement) => {
    const next = row.nextElementSibling;
    if (next?.classList.contains("run-detail-row")) return void next.remove();
    const cell = h("td", { attrs: { colspan: 7 } }, loadingState("Loading the diff…"));
    row.after(h("tr", { class: "run-detail-row" }, cell));
    try {
      replace(cell, diffDetail(await api.run(r.id, ctx.signal)));
    } catch (err) {
      if (!ctx.signal.aborted) replace(cell, errorState("The run could not be loaded", err));
    }
  };
  const rows = page.runs.map((r) => runRow(r, (run, row) => void open(run, row)));
  replace(
    host,
    h(
      "div",
      { class: "page-heading" },
      h("h1", null, "Detection runs"),
      h(
        "p",
        { class: "page-sub muted" },
        `${plural(page.total, "retained run")}, newest first; open one to see its changed clusters.`,
      ),
    ),
    h(
      "section",
      { class: "queue-results" },
      dataTable(
        "queue-table runs-table",
        ["Run", "Status", "Trigger", "Started → finished", "Clusters", "Time", "Changes since the run before"],
        rows,
      ),
    ),
  );
  // A link to /runs#RUN-ID opens that run.
  const wanted = decodeURIComponent(window.location.hash.slice(1));
  const target =
    page.runs.find((r) => r.id === wanted) ?? (page.runs[0]?.status === "finished" ? page.runs[0] : undefined);
  if (target) void open(target, document.getElementById(target.id)!);
}

registerPage({ id: "runs", path: "/runs", title: "Detection runs", mount });
registerNavLink({
  id: "runs",
  label: "Runs",
  href: "/runs",
  order: 15,
  pages: ["runs"],
  roles: ACCESS.investigate,
});
