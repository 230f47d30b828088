/**
 * Identifier page
 * ===============
 *
 * `/identifiers/:kind/:value`: an email, phone, IP, device, profile, address or payment account (the
 * value as typed or its normal form). Every application using it on a timeline and in a table with its
 * cluster, whether the latest run judged it common infrastructure and why, the clusters it touches, a
 * graph of its neighbourhood and "open case".
 */
import { ApiError, api, type IdentifierContext } from "../../api.js";
import { registerPage, type PageContext } from "../../app/registry.js";
import { applicationHref } from "../../explore/search-entries.js";
import { KIND_STYLES, isNodeKind, type NodeKind } from "../../graph/kinds.js";
import type { RiskLevel } from "../../../server/common/detection.js";
import { riskBadge } from "../../ui/badges.js";
import { h, replace } from "../../ui/dom.js";
import { formatDateTime, formatNumber, humanise, plural } from "../../ui/format.js";
import { shapeIcon } from "../../ui/shape-icon.js";
import { emptyState, errorState, loadingState } from "../../ui/states.js";
import { helpLink } from "../glossary/help-link.js";
import { identifierTimeline } from "./identifier-timeline.js";
import { neighbourhoodGraph } from "./neighbourhood-graph.js";
import { openCaseAction } from "./open-case-action.js";
import { dataTable } from "../../ui/table.js";

function section(title: string | HTMLElement, ...body: (HTMLElement | SVGElement | string | null)[]): HTMLElement {
  return h("section", { class: "entity-section" }, h("h2", { class: "section-title" }, title), ...body);
}

function verdict(c: IdentifierContext): HTMLElement {
  const v = c.common_infrastructure;
  return h(
    "div",
    { class: `entity-verdict${v.common ? " common" : ""}`, dataset: { common: String(v.common) } },
    h(
      "p",
      { class: "entity-verdict-head" },
      v.common ? "Common infrastructure: links nobody" : "Not common infrastructure: it links",
      " ",
      helpLink("common_infrastructure"),
    ),
    h("p", null, v.common ? `Why: ${v.reason}.` : v.reason),
    v.common && v.identities !== null
      ? h(
          "p",
          { class: "muted small" },
          `Used by ${plural(v.identities, "identity", "identities")} and ${plural(v.applications ?? 0, "application")} when run ${v.run_id} decided.`,
        )
      : null,
  );
}

function table(c: IdentifierContext): HTMLElement {
  return dataTable(
    "table entity-table",
    ["Submitted", "Applicant", "Application", "Cluster (latest run)"],
    c.applications.map((a) =>
      h(
        "tr",
        { dataset: { id: a.id } },
        h("td", null, formatDateTime(a.submitted_at)),
        h("td", null, h("a", { href: applicationHref(a.id) }, a.full_name ?? "—")),
        h("td", null, a.id),
        h(
          "td",
          null,
          a.cluster_id
            ? h("a", { href: `/clusters/${encodeURIComponent(a.cluster_id)}` }, a.cluster_id)
            : h("span", { class: "muted" }, "none"),
          a.cluster_risk_level ? [" ", riskBadge(a.cluster_risk_level as RiskLevel)] : null,
        ),
      ),
    ),
  );
}

async function mount(ctx: PageContext): Promise<(() => void) | void> {
  const kind = ctx.params.kind!;
  const value = ctx.params.value!;
  replace(ctx.root, loadingState("Loading the identifier…"));
  let c: IdentifierContext;
  try {
    c = await api.identifierContext(kind, value, ctx.signal);
  } catch (err) {
    if (ctx.signal.aborted) return;
    if (err instanceof ApiError && (err.status === 404 || err.status === 400))
      replace(ctx.root, emptyState("Identifier not found", err.message));
    else
      replace(
        ctx.root,
        errorState("The identifier could not be loaded", err, () => ctx.navigate(location.pathname, { replace: true })),
      );
    return;
  }
  if (ctx.signal.aborted) return;
  const k = (isNodeKind(c.kind) ? c.kind : "email") as NodeKind;
  const ref = `${c.kind}:${c.key}`;
  ctx.setTitle(`${KIND_STYLES[k].label} ${c.key}`);
  const graph = neighbourhoodGraph(c.graph, ref, { navigate: ctx.navigate, label: `Neighbourhood of ${ref}` });
  const facts = Object.entries(c.props).filter(([key]) => key !== "key");
  replace(
    ctx.root,
    h(
      "div",
      { class: "page-entity", dataset: { entity: "identifier", ref } },
      h(
        "div",
        { class: "entity-heading" },
        h("p", { class: "entity-kind" }, shapeIcon(k, 14), ` ${KIND_STYLES[k].label}`),
        h("h1", { class: "entity-title wrap" }, c.key),
        h(
          "p",
          { class: "page-sub muted" },
          value !== c.key ? `Searched as “${value}”; normal form ${c.key} ` : "Normal form ",
          helpLink("normal_form"),
          ` · used by ${plural(c.total, "application")}`,
          facts.length ? ` · ${facts.map(([key, v]) => `${humanise(key)}: ${String(v)}`).join(" · ")}` : "",
        ),
        h(
          "div",
          { class: "entity-actions" },
          openCaseAction({
            label: `Open case (${formatNumber(Math.min(c.applications.length, 2000))} applications)`,
            title: `Everyone using ${c.kind} ${c.key}`,
            applicationIds: c.applications.map((a) => a.id),
            pins: [ref],
            navigate: ctx.navigate,
          }),
        ),
      ),
      h(
        "div",
        { class: "entity-layout" },
        h(
          "div",
          { class: "entity-main" },
          section("Common infrastructure?", verdict(c)),
          section(
            `Timeline (${formatNumber(c.applications.length)}${c.total > c.applications.length ? ` of ${formatNumber(c.total)}` : ""} applications)`,
            identifierTimeline(c, ctx.navigate),
          ),
          section(
            `Clusters in the latest run (${c.clusters.length})`,
            c.clusters.length
              ? h(
                  "ul",
                  { class: "entity-list" },
                  c.clusters.map((x) =>
                    h(
                      "li",
                      null,
                      h("a", { href: `/clusters/${encodeURIComponent(x.id)}` }, x.id),
                      " ",
                      x.risk_level ? riskBadge(x.risk_level as RiskLevel) : null,
                      h("span", { class: "muted small" }, ` ${plural(x.applications, "application")} using it`),
                    ),
                  ),
                )
              : h("p", { class: "muted" }, "None of its applications is in a cluster."),
          ),
          section(`Applications (${formatNumber(c.total)})`, table(c)),
        ),
        h("div", { class: "entity-side" }, section("Neighbourhood", graph.element)),
      ),
    ),
  );
  return () => graph.destroy();
}

registerPage({ id: "identifier", path: "/identifiers/:kind/:value", title: "Identifier", mount });
