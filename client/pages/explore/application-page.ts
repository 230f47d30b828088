/**
 * Application page
 * ================
 *
 * `/applications/:id`: one applicant's application, whether or not any cluster holds it. Every field
 * as typed, its identifiers with how many applications use each, the same person's other applications,
 * its cluster in the latest run and its cases, its history across retained runs, a graph of its
 * neighbourhood and "open case".
 */
import { ApiError, api, type ApplicationContext, type ApplicationDetail } from "../../api.js";
import { registerPage, type PageContext } from "../../app/registry.js";
import { applicationHref, identifierHref } from "../../explore/search-entries.js";
import { KIND_STYLES, type NodeKind } from "../../graph/kinds.js";
import type { RiskLevel } from "../../../server/common/detection.js";
import { patternChip, riskBadge } from "../../ui/badges.js";
import { h, replace } from "../../ui/dom.js";
import { formatDate, formatDateTime, formatNumber, indicatorLabel, plural } from "../../ui/format.js";
import { shapeIcon } from "../../ui/shape-icon.js";
import { emptyState, errorState, loadingState } from "../../ui/states.js";
import { helpLink } from "../glossary/help-link.js";
import { neighbourhoodGraph } from "./neighbourhood-graph.js";
import { openCaseAction } from "./open-case-action.js";
import { dataTable } from "../../ui/table.js";

function section(title: string | HTMLElement, ...body: (HTMLElement | string | null)[]): HTMLElement {
  return h("section", { class: "entity-section" }, h("h2", { class: "section-title" }, title), ...body);
}

function rawFields(raw: Record<string, unknown> | null): HTMLElement {
  if (!raw) return h("p", { class: "muted" }, "The record as typed was not kept.");
  return h(
    "dl",
    { class: "fields fields-wide" },
    Object.entries(raw).flatMap(([k, v]) => [
      h("dt", null, k),
      h(
        "dd",
        null,
        Array.isArray(v) ? v.map(String).join(" · ") : typeof v === "object" && v ? JSON.stringify(v) : String(v),
      ),
    ]),
  );
}

function identifiers(app: ApplicationDetail, context: ApplicationContext): HTMLElement {
  const display = new Map(context.graph.nodes.map((n) => [n.id, n.attributes.display]));
  const common = new Set(context.common_infrastructure);
  return dataTable(
    "table entity-table",
    ["Kind", "As typed", "Normal form", { title: "Used by", class: "num" }],
    app.identifiers.map((i) =>
      h(
        "tr",
        { dataset: { ref: i.ref } },
        h("td", null, shapeIcon(i.kind as NodeKind, 12), ` ${KIND_STYLES[i.kind as NodeKind].label}`),
        h("td", { class: "wrap" }, typeof display.get(i.ref) === "string" ? String(display.get(i.ref)) : "—"),
        h("td", { class: "wrap" }, h("a", { href: identifierHref(i.kind, i.key) }, i.key)),
        h(
          "td",
          { class: "num" },
          plural(i.usedBy, "application"),
          common.has(i.ref) ? h("span", { class: "badge badge-muted" }, " common infrastructure") : null,
        ),
      ),
    ),
  );
}

function appList(apps: { id: string; full_name: string | null; submitted_at: string; via?: string[] }[]): HTMLElement {
  return h(
    "ul",
    { class: "entity-list" },
    apps.map((a) =>
      h(
        "li",
        null,
        h("a", { href: applicationHref(a.id) }, a.full_name ?? a.id),
        h(
          "span",
          { class: "muted small" },
          ` ${a.id} · ${formatDate(a.submitted_at)}${a.via?.length ? ` · via ${a.via.join(", ")}` : ""}`,
        ),
      ),
    ),
  );
}

function clusterBlock(c: ApplicationContext): HTMLElement {
  if (!c.run_id) return h("p", { class: "muted" }, "No detection run has finished yet.");
  if (!c.cluster)
    return h("p", { class: "muted", dataset: { cluster: "none" } }, `In no cluster of the latest run (${c.run_id}).`);
  return h(
    "div",
    { class: "entity-cluster", dataset: { cluster: c.cluster.id } },
    h("a", { class: "entity-cluster-link", href: `/clusters/${encodeURIComponent(c.cluster.id)}` }, c.cluster.id),
    " ",
    riskBadge(c.cluster.risk_level as RiskLevel, c.cluster.risk_score),
    " ",
    c.cluster.patterns.map(patternChip),
    h("span", { class: "muted small" }, ` ${plural(c.cluster.size ?? 0, "application")} · run ${c.run_id}`),
  );
}

function history(c: ApplicationContext): HTMLElement {
  if (!c.history.length) return h("p", { class: "muted" }, "No retained run placed it in a cluster.");
  return dataTable(
    "table entity-table",
    ["Run finished", "Cluster", "Risk", { title: "Size", class: "num" }, "Change"],
    c.history.map((r) =>
      h(
        "tr",
        null,
        h("td", null, formatDateTime(r.finished_at)),
        h(
          "td",
          null,
          h(
            "a",
            { href: `/clusters/${encodeURIComponent(r.cluster_id)}?run=${encodeURIComponent(r.run_id)}` },
            r.cluster_id,
          ),
        ),
        h("td", null, riskBadge(r.risk_level as RiskLevel, r.risk_score)),
        h("td", { class: "num" }, formatNumber(r.size ?? 0)),
        h("td", null, r.change ?? "—"),
      ),
    ),
  );
}

async function mount(ctx: PageContext): Promise<(() => void) | void> {
  const id = ctx.params.id!;
  replace(ctx.root, loadingState("Loading the application…"));
  let app: ApplicationDetail;
  let context: ApplicationContext;
  try {
    [app, context] = await Promise.all([api.application(id, ctx.signal), api.applicationContext(id, ctx.signal)]);
  } catch (err) {
    if (ctx.signal.aborted) return;
    if (err instanceof ApiError && err.status === 404)
      replace(ctx.root, emptyState("Application not found", err.message));
    else
      replace(
        ctx.root,
        errorState("The application could not be loaded", err, () =>
          ctx.navigate(location.pathname, { replace: true }),
        ),
      );
    return;
  }
  if (ctx.signal.aborted) return;
  const p = app.props;
  const name = typeof p.full_name === "string" && p.full_name ? p.full_name : id;
  ctx.setTitle(`${name} (${id})`);
  const indicators = Array.isArray(p.indicators) ? (p.indicators as string[]) : [];
  const graph = neighbourhoodGraph(context.graph, `application:${id}`, {
    navigate: ctx.navigate,
    label: `Neighbourhood of application ${id}`,
  });
  const sameIds = context.same_identity.map((a) => a.id);
  replace(
    ctx.root,
    h(
      "div",
      { class: "page-entity", dataset: { entity: "application", id } },
      h(
        "div",
        { class: "entity-heading" },
        h("p", { class: "entity-kind" }, shapeIcon("application", 14), " Application"),
        h("h1", { class: "entity-title" }, name),
        h(
          "p",
          { class: "page-sub muted" },
          `${id} · submitted ${formatDateTime(p.submitted_at as string)}${p.claimed_country ? ` · claims ${String(p.claimed_country)}` : ""}`,
        ),
        h(
          "div",
          { class: "entity-actions" },
          openCaseAction({
            label: sameIds.length ? `Open case (${sameIds.length + 1} applications)` : "Open case",
            title: `${name} (${id})${sameIds.length ? ` and ${plural(sameIds.length, "other application")}` : ""}`,
            applicationIds: [id, ...sameIds],
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
          section(h("span", null, "Cluster in the latest run"), clusterBlock(context)),
          section(
            `Identifiers (${app.identifiers.length})`,
            app.identifiers.length ? identifiers(app, context) : h("p", { class: "muted" }, "None that link."),
          ),
          section(
            h("span", null, `Same person: other applications (${context.same_identity.length}) `, helpLink("identity")),
            context.same_identity.length
              ? appList(context.same_identity)
              : h("p", { class: "muted" }, "No other application shares a personal identifier and this name."),
          ),
          section(
            `Cases (${context.cases.length})`,
            context.cases.length
              ? h(
                  "ul",
                  { class: "entity-list" },
                  context.cases.map((c) =>
                    h(
                      "li",
                      null,
                      h("a", { href: `/cases/${encodeURIComponent(c.id)}` }, `${c.id} · ${c.title}`),
                      h("span", { class: "muted small" }, ` ${c.status}`),
                    ),
                  ),
                )
              : h("p", { class: "muted" }, "In no case."),
          ),
          section(`History across runs (${context.history.length})`, history(context)),
          section(
            h("span", null, "Indicators ", helpLink("indicators")),
            indicators.length
              ? h(
                  "ul",
                  { class: "indicators" },
                  indicators.map((i) => h("li", { class: "indicator" }, indicatorLabel(i))),
                )
              : h("p", { class: "muted" }, "None"),
          ),
          section(
            "As submitted",
            h("p", { class: "muted small" }, "Every field exactly as typed, before normalisation."),
            rawFields((p.raw ?? null) as Record<string, unknown> | null),
          ),
        ),
        h("div", { class: "entity-side" }, section("Neighbourhood", graph.element)),
      ),
    ),
  );
  return () => graph.destroy();
}

registerPage({ id: "application", path: "/applications/:id", title: "Application", mount });
