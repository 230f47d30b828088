/**
 * Case page
 * =========
 *
 * `/cases/:id`: the case as frozen (members, score, reasons, source cluster), its shared identifiers,
 * notes (Markdown, rendered safely by the server), history; investigators and leads change title,
 * status, assignee, notes and pins (with the case version, so two people cannot overwrite each other);
 * leads export evidence. Auditors read it. The case holds its picture: the frozen membership drawn with
 * the cluster workbench (read-only once closed), and what changed in the live cluster since it was opened.
 * Notes being typed are kept as a draft in local storage until saved (ui/drafts.ts).
 */
import type { CaseView, CasePatch } from "../../server/cases/case.service.js";
import { ApiError, api, type ClusterDetail } from "../api.js";
import { keepDraft } from "../ui/drafts.js";
import { INITIAL_VIEW } from "../state/cluster-view.js";
import { clusterHref } from "../state/cluster-url.js";
import { mountWorkbench } from "./cluster/workbench.js";
import "../ui/triage.css";
import { registerPage, type PageContext } from "../app/registry.js";
import { riskBadge } from "../ui/badges.js";
import { h, replace } from "../ui/dom.js";
import { formatDate, formatDateTime, humanise, indicatorLabel, patternLabel, plural } from "../ui/format.js";
import { emptyState, errorMessage, errorState, loadingState, toast } from "../ui/states.js";
import "./casework/casework.css";
import { openExportDialog } from "./casework/export-dialog.js";
import { currentUser, type Me } from "../app/session.js";
import { statusBadge, statusesFor, STATUS_LABELS } from "./casework/status.js";

function section(title: string, ...children: (HTMLElement | null)[]): HTMLElement {
  return h("section", { class: "case-section" }, h("h2", null, title), ...children);
}

const FIELD_NAMES: Record<string, string> = {
  notes_md: "Notes",
  pinned_applications: "Pinned applications",
  pinned_identifiers: "Pinned identifiers",
};

function changesText(changes: Record<string, unknown>): string {
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
function caseAsCluster(c: CaseView): ClusterDetail {
  const cluster: ClusterDetail["cluster"] = {
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

function liveChanges(c: CaseView): HTMLElement | null {
  const live = c.live_cluster;
  if (!live) return null;
  const list = (ids: string[]) =>
    ids.length > 12 ? `${ids.slice(0, 12).join(", ")} and ${ids.length - 12} more` : ids.join(", ");
  const link = h("a", { href: clusterHref(live.cluster_id, { run: null }) }, live.cluster_id);
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
            h(
              "ul",
              null,
              live.added.length
                ? h(
                    "li",
                    { dataset: { change: "added" } },
                    `${plural(live.added.length, "application")} added: ${list(live.added)}`,
                  )
                : null,
              live.removed.length
                ? h(
                    "li",
                    { dataset: { change: "removed" } },
                    `${plural(live.removed.length, "application")} removed: ${list(live.removed)}`,
                  )
                : null,
            ),
          ),
  );
}

async function mount(ctx: PageContext): Promise<() => void> {
  let unmountGraph: (() => void) | null = null;
  const cleanup = () => {
    unmountGraph?.();
    unmountGraph = null;
  };
  await show(ctx, (u) => {
    cleanup();
    unmountGraph = u;
  });
  return cleanup;
}

async function show(ctx: PageContext, setGraph: (unmount: (() => void) | null) => void): Promise<void> {
  const id = ctx.params.id!;
  replace(ctx.root, loadingState("Loading the case…"));
  let me: Me | null;
  let c: CaseView;
  try {
    [me, c] = await Promise.all([
      currentUser(),
      api.get<CaseView>(`/api/cases/${encodeURIComponent(id)}`, { signal: ctx.signal }),
    ]);
  } catch (err) {
    if (ctx.signal.aborted) return;
    if (err instanceof ApiError && (err.status === 404 || err.status === 400))
      replace(
        ctx.root,
        emptyState("Case not found", err.message, h("a", { class: "btn", href: "/cases" }, "All cases")),
      );
    else
      replace(
        ctx.root,
        errorState("The case could not be loaded", err, () => void show(ctx, setGraph)),
      );
    return;
  }
  if (ctx.signal.aborted) return;
  const role = me?.role ?? "";
  const canWork = role === "investigator" || role === "lead";
  let assignable: { username: string; display_name: string }[] = [];
  if (canWork)
    assignable = (await api.get<{ users: typeof assignable }>("/api/users/assignable").catch(() => ({ users: [] })))
      .users;

  const patch = async (body: CasePatch) => {
    try {
      const wasClosed = c.status === "closed";
      c = await api.patch<CaseView>(`/api/cases/${encodeURIComponent(id)}`, { ...body, version: c.version });
      draw();
      // Closing makes the picture read-only, reopening lets it grow again.
      if (wasClosed !== (c.status === "closed")) drawGraph();
    } catch (err) {
      toast(err instanceof ApiError && err.status === 409 ? `${err.message}` : errorMessage(err), "error");
      if (err instanceof ApiError && err.status === 409) void show(ctx, setGraph);
    }
  };

  function actions(): HTMLElement | null {
    if (!canWork) return null;
    const statusSelect = h(
      "select",
      { class: "input", name: "status", attrs: { "aria-label": "Status" } },
      statusesFor(role).map((s) => h("option", { value: s, selected: s === c.status }, STATUS_LABELS[s])),
    );
    const assignee = h(
      "select",
      { class: "input", name: "assignee", attrs: { "aria-label": "Assignee" } },
      h("option", { value: "" }, "Nobody"),
      assignable.map((u) => h("option", { value: u.username, selected: u.username === c.assignee }, u.display_name)),
    );
    const save = h("button", { type: "button", class: "btn", dataset: { action: "save-case" } }, "Save");
    save.addEventListener("click", () => {
      const body: CasePatch = {};
      if (statusSelect.value && statusSelect.value !== c.status)
        body.status = statusSelect.value as CasePatch["status"];
      if ((assignee.value || null) !== c.assignee) body.assignee = assignee.value || null;
      if (Object.keys(body).length) void patch(body);
    });
    const rename = h(
      "button",
      {
        type: "button",
        class: "btn btn-ghost",
        on: {
          click: () => {
            const t = window.prompt("Case title", c.title);
            if (t && t.trim() && t.trim() !== c.title) void patch({ title: t.trim() });
          },
        },
      },
      "Rename",
    );
    const exportBtn =
      role === "lead"
        ? h(
            "button",
            {
              type: "button",
              class: "btn btn-primary",
              dataset: { action: "export" },
              on: { click: () => void openExportDialog(id, () => void reload()) },
            },
            "Export evidence…",
          )
        : null;
    return h(
      "div",
      { class: "case-actions" },
      h("label", { class: "field" }, h("span", { class: "field-label" }, "Status"), statusSelect),
      h("label", { class: "field" }, h("span", { class: "field-label" }, "Assignee"), assignee),
      save,
      rename,
      h("span", { class: "app-header-spacer" }),
      exportBtn,
    );
  }

  function notes(): HTMLElement {
    const view = h("div", { class: "case-notes-view" });
    // notes_html is Markdown rendered and sanitised by the server (server/cases/markdown.ts).
    view.innerHTML = c.notes_html || '<p class="muted">No notes yet.</p>';
    if (!canWork) return section("Notes", view);
    const area = h("textarea", {
      class: "input case-notes-input",
      name: "notes",
      value: c.notes_md,
      attrs: { rows: 8, "aria-label": "Notes (Markdown)" },
    });
    const draft = keepDraft(area, `case:${id}:notes`, c.notes_md);
    const edit = h(
      "div",
      { class: "case-notes-edit", hidden: !draft.restored },
      draft.restored
        ? h(
            "p",
            { class: "draft-note", dataset: { draft: "restored" } },
            "Unsaved notes restored from a draft: save them or edit on.",
          )
        : null,
      area,
      h(
        "div",
        { class: "case-notes-buttons" },
        h(
          "button",
          {
            type: "button",
            class: "btn btn-primary",
            dataset: { action: "save-notes" },
            on: { click: () => void patch({ notes: area.value }) },
          },
          "Save notes",
        ),
        h("span", { class: "muted small" }, "Markdown: **bold**, lists, links, tables."),
      ),
    );
    const toggle = h(
      "button",
      {
        type: "button",
        class: "btn btn-small",
        dataset: { action: "edit-notes" },
        on: {
          click: () => {
            edit.hidden = !edit.hidden;
            if (!edit.hidden) area.focus();
          },
        },
      },
      "Edit",
    );
    return section("Notes", toggle, view, edit);
  }

  function pinButton(kind: "applications" | "identifiers", ref: string, pinned: boolean): HTMLElement | null {
    if (!canWork) return pinned ? h("span", { class: "pin-mark", attrs: { title: "Pinned" } }, "★") : null;
    return h(
      "button",
      {
        type: "button",
        class: `btn btn-small btn-ghost pin${pinned ? " active" : ""}`,
        dataset: { action: "pin", ref },
        attrs: { "aria-pressed": String(pinned), "aria-label": pinned ? `Unpin ${ref}` : `Pin ${ref}` },
        on: {
          click: () =>
            void patch(
              kind === "applications"
                ? pinned
                  ? { unpin_applications: [ref] }
                  : { pin_applications: [ref] }
                : pinned
                  ? { unpin_identifiers: [ref] }
                  : { pin_identifiers: [ref] },
            ),
        },
      },
      pinned ? "★ Pinned" : "☆ Pin",
    );
  }

  const graphHost = h("div", { class: "cluster-layout case-graph-layout", dataset: { caseGraph: id } });

  function drawGraph(): void {
    setGraph(null);
    if (!c.graph.nodes.length) {
      replace(graphHost, emptyState("Nothing to draw", "None of the case's applications are in the data any more."));
      return;
    }
    setGraph(
      mountWorkbench(
        graphHost,
        ctx,
        caseAsCluster(c),
        { view: INITIAL_VIEW, run: null },
        {
          readOnly: c.status === "closed",
          title: `${c.id} · ${c.title}`,
        },
      ),
    );
  }

  function draw(): void {
    ctx.setTitle(`${c.id} · ${c.title}`);
    const shared = c.identifiers.filter((i) => i.members >= 2 || i.pinned);
    const source =
      c.source === "cluster"
        ? h(
            "span",
            null,
            "Opened from cluster ",
            h(
              "a",
              { href: `/clusters/${encodeURIComponent(c.cluster_id!)}?run=${encodeURIComponent(c.run_id!)}` },
              c.cluster_id!,
            ),
            ` of run ${c.run_id}`,
          )
        : h("span", null, "Opened from applications selected by hand");
    replace(
      ctx.root,
      h(
        "div",
        { class: "page-case", dataset: { case: c.id, version: String(c.version) } },
        h(
          "nav",
          { class: "crumbs", attrs: { "aria-label": "Breadcrumb" } },
          h("a", { href: "/cases" }, "Cases"),
          h("span", { attrs: { "aria-hidden": "true" } }, " / "),
          h("span", { attrs: { "aria-current": "page" } }, c.id),
        ),
        h("h1", { class: "case-title" }, c.title),
        h(
          "p",
          { class: "case-meta" },
          statusBadge(c.status),
          c.risk_level ? riskBadge(c.risk_level as never, c.risk_score ?? undefined) : null,
          c.patterns.map((p) => h("span", { class: "chip" }, patternLabel(p))),
          h(
            "span",
            { class: "muted" },
            " · ",
            source,
            ` · ${plural(c.member_ids.length, "application")} · opened ${formatDateTime(c.created_at)} by ${c.created_by} · assigned to ${c.assignee ?? "nobody"}`,
          ),
        ),
        actions(),
        section("Graph", graphHost, liveChanges(c)),
        h(
          "div",
          { class: "case-layout" },
          h(
            "div",
            { class: "case-main" },
            section(
              "Why these applications",
              c.reasons.length
                ? h(
                    "ul",
                    { class: "case-reasons" },
                    c.reasons.map((r) => h("li", null, h("strong", null, humanise(r.code)), " — ", r.text)),
                  )
                : h("p", { class: "muted" }, "No reasons recorded."),
            ),
            section(
              `Applications (${c.members.length}${c.missing_members.length ? `, ${c.missing_members.length} no longer in the data` : ""})`,
              h(
                "table",
                { class: "queue-table case-members" },
                h(
                  "thead",
                  null,
                  h(
                    "tr",
                    null,
                    ["", "Application", "Name", "Submitted", "Country", "Indicators", "Identifiers"].map((t) =>
                      h("th", { scope: "col" }, t),
                    ),
                  ),
                ),
                h(
                  "tbody",
                  null,
                  c.members.map((m) =>
                    h(
                      "tr",
                      { dataset: { application: m.id } },
                      h("td", null, pinButton("applications", m.id, c.pinned_applications.includes(m.id))),
                      h("td", null, m.id),
                      h("td", null, String(m.full_name ?? "—")),
                      h("td", null, formatDate(m.submitted_at as string)),
                      h("td", null, String(m.claimed_country ?? "—")),
                      h(
                        "td",
                        null,
                        Array.isArray(m.indicators) ? (m.indicators as string[]).map(indicatorLabel).join(", ") : "",
                      ),
                      h("td", { class: "col-num" }, String(m.identifiers.length)),
                    ),
                  ),
                ),
              ),
            ),
            section(
              "Shared identifiers",
              shared.length
                ? h(
                    "table",
                    { class: "queue-table case-identifiers" },
                    h(
                      "thead",
                      null,
                      h(
                        "tr",
                        null,
                        ["", "Kind", "Value", "In case", "In all data", ""].map((t) => h("th", { scope: "col" }, t)),
                      ),
                    ),
                    h(
                      "tbody",
                      null,
                      shared.map((i) =>
                        h(
                          "tr",
                          { dataset: { ref: i.ref } },
                          h("td", null, pinButton("identifiers", i.ref, i.pinned)),
                          h("td", null, i.kind),
                          h("td", { class: "mono" }, i.key),
                          h("td", { class: "col-num" }, String(i.members)),
                          h("td", { class: "col-num" }, String(i.used_by)),
                          h(
                            "td",
                            null,
                            i.common_infrastructure ? h("span", { class: "badge" }, "common infrastructure") : null,
                          ),
                        ),
                      ),
                    ),
                  )
                : h("p", { class: "muted" }, "The applications share no identifier."),
            ),
          ),
          h(
            "aside",
            { class: "case-side" },
            notes(),
            section(
              "History",
              h(
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
              ),
            ),
          ),
        ),
      ),
    );
  }

  async function reload(): Promise<void> {
    c = await api.get<CaseView>(`/api/cases/${encodeURIComponent(id)}`);
    draw();
  }

  draw();
  drawGraph();
}

registerPage({ id: "case", path: "/cases/:id", title: "Case", mount });
