/**
 * Case page controls
 * ==================
 *
 * The parts of the case page that change it: status and assignee with Save, Rename, Export (leads),
 * the notes editor (a draft kept locally until saved, ui/drafts.ts) and the pin buttons. Each calls
 * the page's effects; none holds state of its own beyond the form fields.
 */
import type { CasePatch } from "../case-page.js";
import { keepDraft } from "../../ui/drafts.js";
import { h } from "../../ui/dom.js";
import { field, section } from "../../ui/form.js";
import { openExportDialog } from "../casework/export-dialog.js";
import { statusesFor, STATUS_LABELS } from "../casework/status.js";
import type { CaseEffects } from "./case-effects.js";
import { canWork, type ReadyState } from "./case-state.js";

export function actionsBar(s: ReadyState, fx: CaseEffects): HTMLElement | null {
  if (!canWork(s)) return null;
  const { c, role } = s;
  const statusSelect = h(
    "select",
    { class: "input", name: "status", attrs: { "aria-label": "Status" } },
    statusesFor(role).map((st) => h("option", { value: st, selected: st === c.status }, STATUS_LABELS[st])),
  );
  const assignee = h(
    "select",
    { class: "input", name: "assignee", attrs: { "aria-label": "Assignee" } },
    h("option", { value: "" }, "Nobody"),
    s.assignable.map((u) => h("option", { value: u.username, selected: u.username === c.assignee }, u.display_name)),
  );
  const save = h("button", { type: "button", class: "btn", dataset: { action: "save-case" } }, "Save");
  save.addEventListener("click", () => {
    const body: CasePatch = {};
    if (statusSelect.value && statusSelect.value !== c.status) body.status = statusSelect.value as CasePatch["status"];
    if ((assignee.value || null) !== c.assignee) body.assignee = assignee.value || null;
    if (Object.keys(body).length) void fx.patch(body);
  });
  const rename = h(
    "button",
    {
      type: "button",
      class: "btn btn-ghost",
      on: {
        click: () => {
          const t = window.prompt("Case title", c.title);
          if (t && t.trim() && t.trim() !== c.title) void fx.patch({ title: t.trim() });
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
            on: { click: () => void openExportDialog(c.id, () => void fx.reload()) },
          },
          "Export evidence…",
        )
      : null;
  return h(
    "div",
    { class: "case-actions" },
    field("Status", statusSelect),
    field("Assignee", assignee),
    save,
    rename,
    h("span", { class: "app-header-spacer" }),
    exportBtn,
  );
}

export function notesSection(s: ReadyState, fx: CaseEffects): HTMLElement {
  const { c } = s;
  const view = h("div", { class: "case-notes-view" });
  // notes_html is Markdown rendered and sanitised by the server (server/cases/markdown.ts).
  view.innerHTML = c.notes_html || '<p class="muted">No notes yet.</p>';
  if (!canWork(s)) return section("Notes", view);
  const area = h("textarea", {
    class: "input case-notes-input",
    name: "notes",
    value: c.notes_md,
    attrs: { rows: 8, "aria-label": "Notes (Markdown)" },
  });
  const draft = keepDraft(area, `case:${c.id}:notes`, c.notes_md);
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
          on: { click: () => void fx.patch({ notes: area.value }) },
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

/** A pin toggle for investigators and leads; a star (pinned) or nothing for readers. */
export function pinControl(s: ReadyState, fx: CaseEffects) {
  return (kind: "applications" | "identifiers", ref: string, pinned: boolean): HTMLElement | null => {
    if (!canWork(s)) return pinned ? h("span", { class: "pin-mark", attrs: { title: "Pinned" } }, "★") : null;
    const body: CasePatch =
      kind === "applications"
        ? pinned
          ? { unpin_applications: [ref] }
          : { pin_applications: [ref] }
        : pinned
          ? { unpin_identifiers: [ref] }
          : { pin_identifiers: [ref] };
    return h(
      "button",
      {
        type: "button",
        class: `btn btn-small btn-ghost pin${pinned ? " active" : ""}`,
        dataset: { action: "pin", ref },
        attrs: { "aria-pressed": String(pinned), "aria-label": pinned ? `Unpin ${ref}` : `Pin ${ref}` },
        on: { click: () => void fx.patch(body) },
      },
      pinned ? "★ Pinned" : "☆ Pin",
    );
  };
}
