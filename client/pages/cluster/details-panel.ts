/**
 * Details panel
 * =============
 *
 * The side panel for the selected node. An application: its fields, indicators, identifiers and the raw
 * values as typed. An identifier: what is known about it and every application using it. Both with
 * expand / "N more" / collapse and, for applications, the "why linked" slots. With nothing selected it
 * lists the cluster's applications and shared identifiers, which is also the keyboard way into the graph.
 */
import { type ApplicationDetail, type ClusterDetail, type IdentifierDetail } from "../../api.js";
import { KIND_STYLES, keyOfRef, kindOfRef, type NodeKind } from "../../graph/kinds.js";
import type { ExpansionProgress } from "../../graph/expansion.js";
import type { InvestigationGraph } from "../../graph/model.js";
import { h, replace } from "../../ui/dom.js";
import {
  formatDate,
  formatDateTime,
  formatNumber,
  humanise,
  indicatorLabel,
  plural,
  truncate,
} from "../../ui/format.js";
import { shapeIcon } from "../../ui/shape-icon.js";
import { errorState, loadingState } from "../../ui/states.js";
import { helpLink } from "../glossary/help-link.js";
import { commonIdentifiers, sharedIdentifiers } from "./summary-panel.js";

export const EXPAND_PAGE = 25;

/** The graph's label for a node (the value as typed), else the given fallback. */
function labelOf(ref: string, fallback: string, c: DetailsContext): string {
  return c.graph.hasNode(ref) ? c.graph.getNodeAttribute(ref, "label") : fallback;
}
/** Members listed in the overview; a 5,000-application cluster is searched, not scrolled. */
const MAX_LISTED = 300;

export interface DetailsContext {
  graph: InvestigationGraph;
  detail: ClusterDetail;
  expansions: ReadonlyMap<string, ExpansionProgress>;
  expanding: ReadonlySet<string>;
  pair: readonly [string | null, string | null];
  signal: AbortSignal;
  /** Loads a node's details; the workbench's effects cache them for the page's lifetime. */
  load(ref: string): Promise<ApplicationDetail | IdentifierDetail>;
}

export interface DetailsActions {
  select(ref: string | null): void;
  focus(ref: string): void;
  expand(ref: string): void;
  collapse(ref: string): void;
  setPair(ref: string, slot: 0 | 1): void;
}

function nodeButton(
  ref: string,
  label: string,
  actions: DetailsActions,
  extra?: HTMLElement | string | null,
): HTMLElement {
  const kind = kindOfRef(ref);
  return h(
    "button",
    { type: "button", class: "node-button", dataset: { ref }, on: { click: () => actions.select(ref) } },
    kind ? shapeIcon(kind, 12) : null,
    h("span", { class: "node-button-label" }, truncate(label, 48)),
    extra ? h("span", { class: "node-button-extra" }, extra) : null,
  );
}

function expandControls(ref: string, c: DetailsContext, actions: DetailsActions): HTMLElement {
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

function applicationView(
  ref: string,
  app: ApplicationDetail,
  c: DetailsContext,
  actions: DetailsActions,
): HTMLElement[] {
  const p = app.props;
  const indicators = Array.isArray(p.indicators) ? (p.indicators as string[]) : [];
  const raw = (p.raw ?? null) as Record<string, unknown> | null;
  const inPair = c.pair.indexOf(ref);
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
    h(
      "div",
      { class: "pair-actions" },
      h(
        "button",
        {
          type: "button",
          class: `btn btn-small${inPair === 0 ? " active" : ""}`,
          dataset: { action: "pair-a" },
          on: { click: () => actions.setPair(ref, 0) },
        },
        inPair === 0 ? "Is A" : "Compare as A",
      ),
      h(
        "button",
        {
          type: "button",
          class: `btn btn-small${inPair === 1 ? " active" : ""}`,
          dataset: { action: "pair-b" },
          on: { click: () => actions.setPair(ref, 1) },
        },
        inPair === 1 ? "Is B" : "Compare as B",
      ),
    ),
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

function identifierView(
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

function header(ref: string, c: DetailsContext, actions: DetailsActions): HTMLElement {
  const kind = kindOfRef(ref) as NodeKind;
  const attrs = c.graph.hasNode(ref) ? c.graph.getNodeAttributes(ref) : null;
  const outside = attrs && attrs.origin !== "cluster";
  return h(
    "div",
    { class: "details-head" },
    h(
      "div",
      { class: "details-kind" },
      shapeIcon(kind, 14),
      KIND_STYLES[kind].label,
      outside ? h("span", { class: "badge badge-outside" }, "Outside this cluster") : null,
    ),
    h(
      "h3",
      { class: "details-title", attrs: { title: attrs?.label ?? keyOfRef(ref) } },
      truncate(attrs?.label ?? keyOfRef(ref), 60),
    ),
    h(
      "div",
      { class: "details-tools" },
      attrs
        ? h(
            "button",
            { type: "button", class: "btn btn-small btn-ghost", on: { click: () => actions.focus(ref) } },
            "Centre",
          )
        : null,
      h(
        "button",
        {
          type: "button",
          class: "btn btn-small btn-ghost",
          attrs: { "aria-label": "Close details" },
          on: { click: () => actions.select(null) },
        },
        "Close",
      ),
    ),
  );
}

function overview(c: DetailsContext, actions: DetailsActions): HTMLElement {
  const members = c.detail.members;
  const allShared = sharedIdentifiers(c.detail);
  const shared = allShared.slice(0, 40);
  const common = commonIdentifiers(c.detail).slice(0, 20);
  return h(
    "div",
    { class: "details-overview" },
    h(
      "p",
      { class: "muted small" },
      "Select a node in the graph, or pick one here. Shift-click two applications to compare them.",
    ),
    h(
      "section",
      { class: "panel-section" },
      h("h4", { class: "section-title" }, `Applications (${formatNumber(members.length)})`),
      h(
        "ul",
        { class: "node-list" },
        members.slice(0, MAX_LISTED).map((m) => {
          const indicators = Array.isArray(m.indicators) ? (m.indicators as string[]).length : 0;
          return h(
            "li",
            null,
            nodeButton(
              `application:${m.id}`,
              String(m.full_name ?? m.id),
              actions,
              `${m.id} · ${formatDate(m.submitted_at as string)}${indicators ? ` · ${plural(indicators, "indicator")}` : ""}`,
            ),
          );
        }),
      ),
      members.length > MAX_LISTED
        ? h(
            "p",
            { class: "muted small" },
            `${formatNumber(members.length - MAX_LISTED)} more: find them with the search above the graph (/).`,
          )
        : null,
    ),
    shared.length
      ? h(
          "section",
          { class: "panel-section" },
          h("h4", { class: "section-title" }, `Shared identifiers (${formatNumber(allShared.length)})`),
          h(
            "ul",
            { class: "node-list" },
            shared.map((i) =>
              h("li", null, nodeButton(i.ref, labelOf(i.ref, i.key, c), actions, `${i.members} members`)),
            ),
          ),
          allShared.length > shared.length
            ? h("p", { class: "muted small" }, `${formatNumber(allShared.length - shared.length)} more in the graph.`)
            : null,
        )
      : null,
    common.length
      ? h(
          "section",
          { class: "panel-section" },
          h(
            "h4",
            { class: "section-title" },
            `Common infrastructure (${formatNumber(commonIdentifiers(c.detail).length)})`,
          ),
          h(
            "ul",
            { class: "node-list" },
            common.map((i) =>
              h(
                "li",
                null,
                nodeButton(i.ref, labelOf(i.ref, i.key, c), actions, `${i.members} members · links nobody`),
              ),
            ),
          ),
        )
      : null,
  );
}

/** Renders the panel for `ref` (or the overview). Loads what it needs; stale answers are dropped. */
export function renderDetails(el: HTMLElement, ref: string | null, c: DetailsContext, actions: DetailsActions): void {
  el.dataset.ref = ref ?? "";
  if (!ref) {
    replace(el, h("h2", { class: "panel-title" }, "Cluster members"), overview(c, actions));
    return;
  }
  const head = header(ref, c, actions);
  const body = h("div", { class: "details-body" }, loadingState("Loading details…"));
  replace(el, head, body);
  c.load(ref)
    .then((data) => {
      if (c.signal.aborted || el.dataset.ref !== ref) return;
      const parts =
        kindOfRef(ref) === "application"
          ? applicationView(ref, data as ApplicationDetail, c, actions)
          : identifierView(ref, data as IdentifierDetail, c, actions);
      replace(body, ...parts);
    })
    .catch((err: unknown) => {
      if (c.signal.aborted || el.dataset.ref !== ref) return;
      replace(body, errorState("Details could not be loaded", err), expandControls(ref, c, actions));
    });
}
