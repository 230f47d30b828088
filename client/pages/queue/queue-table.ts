/**
 * The queue's table: one row per cluster with its risk, patterns, size, triage state, first and last
 * submission and its change since the previous run, each linking to the cluster's page.
 */
import type { ClustersPage } from "../../api.js";
import { type PageContext } from "../../app/registry.js";
import { triageBadge } from "../../ui/triage.js";
import { clusterHref } from "../../state/cluster-url.js";
import { changeBadge, intakeBadges, patternChip, riskBadge, riskMeter } from "../../ui/badges.js";
import { h } from "../../ui/dom.js";
import { formatDate, formatNumber, plural, truncate } from "../../ui/format.js";
import { dataTable } from "../../ui/table.js";

type Cluster = ClustersPage["clusters"][number];

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

export function queueTable(page: ClustersPage, run: string | null, ctx: PageContext): HTMLElement {
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
