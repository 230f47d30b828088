/**
 * Cases page
 * ==========
 *
 * `/cases`: every case, most recently changed first, filtered by status, assignee and text (kept in the
 * URL). Investigators, leads and auditors.
 */
import type { CaseSummary } from "../../server/common/api/cases.js";
import { api } from "../api.js";
import { registerNavLink, registerPage, type PageContext } from "../app/registry.js";
import { riskBadge } from "../ui/badges.js";
import { currentUser } from "../app/session.js";
import { h, replace } from "../ui/dom.js";
import { field } from "../ui/form.js";
import { pager } from "../ui/pager.js";
import { dataTable } from "../ui/table.js";
import { formatDateTime, formatNumber } from "../ui/format.js";
import { emptyState, errorState, loadingState } from "../ui/states.js";
import "./casework/casework.css";
import { statusBadge, STATUS_LABELS } from "./casework/status.js";
import { ACCESS } from "../../server/common/roles.js";

const PAGE = 50;

async function mount(ctx: PageContext): Promise<void> {
  const q = ctx.query;
  const status = q.get("status") ?? "";
  const text = q.get("q") ?? "";
  const offset = Math.max(0, Number(q.get("offset") ?? 0) || 0);
  const results = h("div", { class: "queue-results" });
  const apply = (changes: Record<string, string>) => {
    const next = new URLSearchParams(q);
    for (const [k, v] of Object.entries(changes))
      if (v) next.set(k, v);
      else next.delete(k);
    if (!("offset" in changes)) next.delete("offset");
    ctx.navigate(`/cases${next.toString() ? `?${next}` : ""}`, { replace: true });
  };
  const search = h("input", {
    type: "search",
    class: "input search-input",
    name: "q",
    value: text,
    placeholder: "Search titles, case ids, application ids…",
    attrs: { "aria-label": "Search cases" },
  });
  search.addEventListener("keydown", (e) => e.key === "Enter" && apply({ q: search.value.trim() }));
  const select = h(
    "select",
    {
      class: "input",
      name: "status",
      on: { change: (e: Event) => apply({ status: (e.target as HTMLSelectElement).value }) },
    },
    h("option", { value: "" }, "Any status"),
    Object.entries(STATUS_LABELS).map(([v, l]) => h("option", { value: v, selected: v === status }, l)),
  );
  replace(
    ctx.root,
    h(
      "div",
      { class: "page-queue page-cases" },
      h(
        "div",
        { class: "page-heading" },
        h("h1", null, "Cases"),
        h(
          "p",
          { class: "page-sub muted" },
          "Cases are opened from a cluster (or from applications picked in it); their membership is frozen when they are opened.",
        ),
      ),
      h("div", { class: "filter-bar" }, h("div", { class: "filter-search" }, search), field("Status", select)),
      results,
    ),
  );
  replace(results, loadingState("Loading cases…"));
  try {
    const page = await api.get<{ total: number; cases: CaseSummary[] }>("/api/cases", {
      query: { status, q: text, limit: PAGE, offset },
      signal: ctx.signal,
    });
    if (ctx.signal.aborted) return;
    if (!page.cases.length) {
      const me = await currentUser().catch(() => null);
      if (ctx.signal.aborted) return;
      const canOpenQueue = me?.role === "investigator" || me?.role === "lead";
      replace(
        results,
        emptyState(
          text || status ? "No case matches" : "No cases yet",
          text || status ? "Try other filters." : "Cases are opened from a cluster in the queue.",
          // Auditors read cases but not the queue: offer it only to the roles that can open it.
          canOpenQueue ? h("a", { class: "btn", href: "/clusters" }, "Go to the queue") : undefined,
        ),
      );
      return;
    }
    replace(
      results,
      dataTable(
        "queue-table cases-table",
        ["Case", "Title", "Status", "Risk", "Applications", "Assignee", "Updated"],
        page.cases.map((c) =>
          h(
            "tr",
            { class: "queue-row", dataset: { case: c.id } },
            h("td", null, h("a", { class: "cluster-link", href: `/cases/${encodeURIComponent(c.id)}` }, c.id)),
            h("td", null, c.title),
            h("td", null, statusBadge(c.status)),
            h(
              "td",
              null,
              c.risk_level
                ? riskBadge(c.risk_level as never, c.risk_score ?? 0)
                : h("span", { class: "muted" }, "selection"),
            ),
            h("td", { class: "col-num" }, formatNumber(c.member_count)),
            h("td", null, c.assignee ?? h("span", { class: "muted" }, "nobody")),
            h("td", { class: "col-date" }, formatDateTime(c.updated_at)),
          ),
        ),
      ),
      pager({
        offset,
        pageSize: PAGE,
        shown: page.cases.length,
        total: page.total,
        onOffset: (o) => apply({ offset: String(o) }),
      }),
    );
  } catch (err) {
    if (!ctx.signal.aborted)
      replace(
        results,
        errorState("The cases could not be loaded", err, () => apply({})),
      );
  }
}

registerPage({ id: "cases", path: "/cases", title: "Cases", mount });
registerNavLink({
  id: "cases",
  label: "Cases",
  href: "/cases",
  order: 20,
  pages: ["cases", "case"],
  roles: ACCESS.review,
});
