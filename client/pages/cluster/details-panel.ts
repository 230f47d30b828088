/**
 * Details panel
 * =============
 *
 * The side panel for the selected node. An application: its fields, indicators, identifiers and the raw
 * values as typed. An identifier: what is known about it and every application using it. Both with
 * expand / "N more" / collapse and, for applications, the "why linked" slots. With nothing selected it
 * lists the cluster's applications and shared identifiers, which is also the keyboard way into the graph.
 */
import { type ApplicationDetail, type IdentifierDetail } from "../../api.js";
import { KIND_STYLES, keyOfRef, kindOfRef, type NodeKind } from "../../graph/kinds.js";
import { h, replace } from "../../ui/dom.js";
import { formatDate, formatNumber, plural, truncate } from "../../ui/format.js";
import { shapeIcon } from "../../ui/shape-icon.js";
import { errorState, loadingState } from "../../ui/states.js";
import { commonIdentifiers, sharedIdentifiers } from "./summary-panel.js";
import { labelOf, nodeButton, type DetailsActions, type DetailsContext } from "./details-context.js";
import { applicationView, expandControls, identifierView } from "./node-views.js";

/** Members listed in the overview; a 5,000-application cluster is searched, not scrolled. */
const MAX_LISTED = 300;

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
