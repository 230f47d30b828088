/**
 * The details panel's two node views: an application (fields, indicators, identifiers, the values as
 * typed, the "why linked" slots) and an identifier (what is known of it and the applications using it),
 * each with expand / "N more" / collapse.
 */
import { type ApplicationDetail, type IdentifierDetail } from "../../api.js";
import { kindOfRef } from "../../graph/kinds.js";
import { h } from "../../ui/dom.js";
import { formatDate, formatDateTime, formatNumber, humanise, indicatorLabel, plural } from "../../ui/format.js";
import { helpLink } from "../glossary/help-link.js";
import { EXPAND_PAGE, nodeButton, type DetailsActions, type DetailsContext } from "./details-context.js";

export function expandControls(ref: string, c: DetailsContext, actions: DetailsActions): HTMLElement {
  const progress = c.expansions.get(ref);
  const busy = c.expanding.has(ref);
  const noun = kindOfRef(ref) === "application" ? "identifiers" : "applications";
  if (!progress)
    return h(
      "div",
      { class: "expand-controls" },
      h(
        "button",
        {
          type: "button",
          class: "btn",
          disabled: busy,
          dataset: { action: "expand" },
          on: { click: () => actions.expand(ref) },
        },
        busy ? "Loading…" : `Expand ${noun}`,
      ),
      h("span", { class: "muted small" }, `Loads up to ${EXPAND_PAGE} at a time (key E)`),
    );
  return h(
    "div",
    { class: "expand-controls" },
    h(
      "span",
      { class: "expand-status", attrs: { role: "status" } },
      `Showing ${formatNumber(progress.loaded)} of ${plural(progress.total, noun.slice(0, -1), noun)}`,
    ),
    progress.more > 0
      ? h(
          "button",
          {
            type: "button",
            class: "btn",
            disabled: busy,
            dataset: { action: "more" },
            on: { click: () => actions.expand(ref) },
          },
          busy ? "Loading…" : `Load ${Math.min(EXPAND_PAGE, progress.more)} more (${formatNumber(progress.more)} left)`,
        )
      : null,
    h(
      "button",
      {
        type: "button",
        class: "btn btn-ghost",
        dataset: { action: "collapse" },
        on: { click: () => actions.collapse(ref) },
      },
      "Collapse",
    ),
  );
}

function fieldList(rows: [string, unknown][]): HTMLElement {
  const shown = rows.filter(
    ([, v]) => v !== null && v !== undefined && v !== "" && !(Array.isArray(v) && v.length === 0),
  );
  return h(
    "dl",
    { class: "fields" },
    shown.flatMap(([k, v]) => [h("dt", null, k), h("dd", null, Array.isArray(v) ? v.join(", ") : String(v))]),
  );
}

export function applicationView(
  ref: string,
  app: ApplicationDetail,
  c: DetailsContext,
  actions: DetailsActions,
): HTMLElement[] {
  const p = app.props;
  const indicators = Array.isArray(p.indicators) ? (p.indicators as string[]) : [];
  const raw = (p.raw ?? null) as Record<string, unknown> | null;
  const inPair = c.pair.indexOf(ref);
  /** "Compare as A/B": puts this application in one slot of the why-linked pair. */
  const pairButton = (slot: 0 | 1) => {
    const name = slot === 0 ? "A" : "B";
    return h(
      "button",
      {
        type: "button",
        class: `btn btn-small${inPair === slot ? " active" : ""}`,
        dataset: { action: `pair-${name.toLowerCase()}` },
        on: { click: () => actions.setPair(ref, slot) },
      },
      inPair === slot ? `Is ${name}` : `Compare as ${name}`,
    );
  };
  const identity = c.graph.hasNode(ref) ? c.graph.getNodeAttributes(ref).data.identity_members : undefined;
  return [
    h(
      "p",
      { class: "small" },
      h(
        "a",
        { href: `/applications/${encodeURIComponent(app.id)}`, dataset: { action: "application-page" } },
        "Open the application page",
      ),
      " (history across runs, cases, every field)",
    ),
    Array.isArray(identity) && identity.length > 1
      ? h(
          "section",
          { class: "panel-section" },
          h("h4", { class: "section-title" }, `One person: ${identity.length} applications `, helpLink("identity")),
          h(
            "ul",
            { class: "entity-list" },
            identity.map((id) =>
              h("li", null, h("a", { href: `/applications/${encodeURIComponent(String(id))}` }, String(id))),
            ),
          ),
        )
      : null,
    h("div", { class: "pair-actions" }, pairButton(0), pairButton(1)),
    fieldList([
      ["Application", app.id],
      ["Submitted", formatDateTime(p.submitted_at as string)],
      ["Claimed country", p.claimed_country],
      ["Location", p.claimed_location],
      ["Job", p.job_id],
      ["Source", p.source],
      ["University", p.university],
      ["Degree", [p.degree, p.major].filter(Boolean).join(", ")],
      ["Graduation", p.graduation_date],
      ["Non-routable IPs", p.nonroutable_ips],
    ]),
    h(
      "section",
      { class: "panel-section" },
      h("h4", { class: "section-title" }, "Indicators"),
      indicators.length
        ? h(
            "ul",
            { class: "indicators" },
            indicators.map((i) => h("li", { class: "indicator" }, indicatorLabel(i), " ", helpLink(i))),
          )
        : h("p", { class: "muted small" }, "None"),
    ),
    h(
      "section",
      { class: "panel-section" },
      h("h4", { class: "section-title" }, `Identifiers (${app.identifiers.length})`),
      h(
        "ul",
        { class: "node-list" },
        app.identifiers.map((i) =>
          h(
            "li",
            null,
            nodeButton(
              i.ref,
              i.key,
              actions,
              `${plural(i.usedBy, "app")}${c.graph.hasNode(i.ref) ? "" : " · not drawn"}`,
            ),
          ),
        ),
      ),
      expandControls(ref, c, actions),
    ),
    raw
      ? h(
          "section",
          { class: "panel-section" },
          h("h4", { class: "section-title" }, "As submitted"),
          h("p", { class: "muted small" }, "The record's values exactly as typed, before normalisation."),
          fieldList(
            Object.entries(raw).map(([k, v]) => [
              k,
              Array.isArray(v) ? v.map(String) : typeof v === "object" && v !== null ? JSON.stringify(v) : v,
            ]),
          ),
        )
      : null,
  ].filter((x): x is HTMLElement => x !== null);
}

export function identifierView(
  ref: string,
  usage: IdentifierDetail,
  c: DetailsContext,
  actions: DetailsActions,
): HTMLElement[] {
  const attrs = c.graph.hasNode(ref) ? c.graph.getNodeAttributes(ref) : null;
  const props = Object.entries(usage.props).filter(([k]) => k !== "key");
  return [
    attrs?.common
      ? h(
          "p",
          { class: "notice" },
          "Judged common infrastructure by the detection run: used too widely to link anyone on its own, so it is drawn dimmed and not walked through by “why linked”.",
        )
      : null,
    fieldList([["Normal form", usage.key], ...props.map(([k, v]) => [humanise(k), v] as [string, unknown])]),
    h(
      "section",
      { class: "panel-section" },
      h("h4", { class: "section-title" }, `Used by ${plural(usage.total, "application")}`),
      h(
        "ul",
        { class: "node-list" },
        usage.applications.map((a) =>
          h(
            "li",
            null,
            nodeButton(
              `application:${a.id}`,
              a.full_name ?? a.id,
              actions,
              `${a.id} · ${formatDate(a.submitted_at)}${c.graph.hasNode(`application:${a.id}`) ? "" : " · not drawn"}`,
            ),
          ),
        ),
      ),
      usage.total > usage.applications.length
        ? h(
            "p",
            { class: "muted small" },
            `${formatNumber(usage.total - usage.applications.length)} more not listed; expand to draw them page by page.`,
          )
        : null,
      expandControls(ref, c, actions),
    ),
  ].filter((x): x is HTMLElement => x !== null);
}
