/**
 * Case page sections
 * ==================
 *
 * The read-only parts of the case page, as functions of the case: the frozen picture in the shape the
 * workbench draws, what changed in the live cluster since, the reasons, the members and identifiers
 * tables (with a pin control supplied by the page) and the history.
 */
import type { ClusterDetail } from "../../api.js";
import { clusterHref } from "../../state/cluster-url.js";
import { h } from "../../ui/dom.js";
import { formatDate, formatDateTime, humanise, indicatorLabel, plural } from "../../ui/format.js";
import { dataTable } from "../../ui/table.js";
import type { CaseView } from "../case-page.js";
import { sharedIdentifiers } from "./case-state.js";

export type PinControl = (kind: "applications" | "identifiers", ref: string, pinned: boolean) => HTMLElement | null;

const FIELD_NAMES: Record<string, string> = {
  notes_md: "Notes",
  pinned_applications: "Pinned applications",
  pinned_identifiers: "Pinned identifiers",
};

export function changesText(changes: Record<string, unknown>): string {
  return Object.entries(changes)
    .filter(([, v]) => v !== null && v !== undefined)
    .map(([k, v]) => {
      const c = v as { from?: unknown; to?: unknown };
      if (c && typeof c === "object" && "to" in c) {
        const long = typeof c.to === "string" && c.to.length > 40;
        const name = FIELD_NAMES[k] ?? humanise(k);
        return long || k === "notes_md"
          ? `${name} changed`
          : `${name}: ${JSON.stringify(c.from ?? "—")} → ${JSON.stringify(c.to)}`;
      }
      return `${humanise(k)}: ${typeof v === "string" ? v : JSON.stringify(v)}`;
    })
    .join("; ");
}

/** The case's frozen picture in the shape the workbench draws (members and identifiers as the graph holds them now). */
export function caseAsCluster(c: CaseView): ClusterDetail {
  // The frozen members' own submission times (the summary's first and last submitted).
  const times = c.members
    .map((m) => m.submitted_at)
    .filter((t): t is string => typeof t === "string")
    .sort();
  const cluster: ClusterDetail["cluster"] = {
    first_submitted_at: times[0],
    last_submitted_at: times.at(-1),
    id: c.cluster_id ?? c.id,
    application_ids: c.member_ids,
    risk_score: c.risk_score ?? 0,
    risk_level: (c.risk_level ?? "low") as ClusterDetail["cluster"]["risk_level"],
    patterns: c.patterns as ClusterDetail["cluster"]["patterns"],
    reasons: c.reasons,
    size: c.member_ids.length,
    shared_identifiers: c.shared_identifiers,
    common_infrastructure: c.common_infrastructure,
    previous_ids: [],
    added: 0,
    removed: 0,
  };
  return {
    run_id: c.run_id ?? "—",
    generated_at: c.cluster_generated_at ?? c.created_at,
    cluster,
    members: c.members,
    missing_members: c.missing_members,
    identifiers: c.identifiers,
    graph: { ...c.graph, truncated: false },
    reasons: c.reasons,
  };
}

export function liveChanges(c: CaseView): HTMLElement | null {
  const live = c.live_cluster;
  if (!live) return null;
  const list = (ids: string[]) =>
    ids.length > 12 ? `${ids.slice(0, 12).join(", ")} and ${ids.length - 12} more` : ids.join(", ");
  const link = h("a", { href: clusterHref(live.cluster_id, { run: null }) }, live.cluster_id);
  const change = (kind: "added" | "removed", ids: string[]) =>
    ids.length
      ? h("li", { dataset: { change: kind } }, `${plural(ids.length, "application")} ${kind}: ${list(ids)}`)
      : null;
  return h(
    "div",
    { class: "case-live", dataset: { live: live.present ? "present" : "retired" } },
    !live.present
      ? h("p", null, "The latest detection run no longer has cluster ", link, ": see where its applications went.")
      : !live.added.length && !live.removed.length
        ? h(
            "p",
            { class: "muted" },
            "The live cluster ",
            link,
            ` (run ${live.run_id}) still has exactly these applications.`,
          )
        : h(
            "div",
            null,
            h("p", null, "Since the case was opened, the live cluster ", link, ` (run ${live.run_id}) changed:`),
            h("ul", null, change("added", live.added), change("removed", live.removed)),
          ),
  );
}

export function reasonsList(c: CaseView): HTMLElement {
  return c.reasons.length
    ? h(
        "ul",
        { class: "case-reasons" },
        c.reasons.map((r) => h("li", null, h("strong", null, humanise(r.code)), " — ", r.text)),
      )
    : h("p", { class: "muted" }, "No reasons recorded.");
}

export function membersTable(c: CaseView, pin: PinControl): HTMLElement {
  return dataTable(
    "queue-table case-members",
    ["", "Application", "Name", "Submitted", "Country", "Indicators", "Identifiers"],
    c.members.map((m) =>
      h(
        "tr",
        { dataset: { application: m.id } },
        h("td", null, pin("applications", m.id, c.pinned_applications.includes(m.id))),
        h("td", null, m.id),
        h("td", null, String(m.full_name ?? "—")),
        h("td", null, formatDate(m.submitted_at as string)),
        h("td", null, String(m.claimed_country ?? "—")),
        h("td", null, Array.isArray(m.indicators) ? (m.indicators as string[]).map(indicatorLabel).join(", ") : ""),
        h("td", { class: "col-num" }, String(m.identifiers.length)),
      ),
    ),
  );
}

export function identifiersTable(c: CaseView, pin: PinControl): HTMLElement {
  const shared = sharedIdentifiers(c);
  if (!shared.length) return h("p", { class: "muted" }, "The applications share no identifier.");
  return dataTable(
    "queue-table case-identifiers",
    ["", "Kind", "Value", "In case", "In all data", ""],
    shared.map((i) =>
      h(
        "tr",
        { dataset: { ref: i.ref } },
        h("td", null, pin("identifiers", i.ref, i.pinned)),
        h("td", null, i.kind),
        h("td", { class: "mono" }, i.key),
        h("td", { class: "col-num" }, String(i.members)),
        h("td", { class: "col-num" }, String(i.used_by)),
        h("td", null, i.common_infrastructure ? h("span", { class: "badge" }, "common infrastructure") : null),
      ),
    ),
  );
}

export function historyList(c: CaseView): HTMLElement {
  return h(
    "ol",
    { class: "case-history" },
    c.history
      .slice()
      .reverse()
      .map((e) =>
        h(
          "li",
          { dataset: { action: e.action } },
          h("span", { class: "muted small" }, formatDateTime(e.at)),
          h("div", null, h("strong", null, e.actor), ` (${e.actor_role}) `, humanise(e.action)),
          h("div", { class: "small" }, changesText(e.changes)),
        ),
      ),
  );
}
