/**
 * Triage panel
 * ============
 *
 * On the cluster page: the cluster's triage state (carried across runs by its stable id), the cases open
 * on it, and for investigators and leads the controls to set a verdict: in review, confirmed ring, or
 * dismissed as benign with a reason from the short list and a note (kept as a draft until saved), or
 * back to new. A dismissed cluster that gained applications says so.
 */
import type { DismissReason, TriageRequestState } from "../../../server/common/triage.js";
import { api, type TriageView } from "../../api.js";
import { currentUser } from "../../app/session.js";
import { keepDraft } from "../../ui/drafts.js";
import { h, replace } from "../../ui/dom.js";
import { formatDateTime, plural } from "../../ui/format.js";
import { errorMessage, toast } from "../../ui/states.js";
import { REASON_LABELS, TRIAGE_LABELS, triageBadge } from "../../ui/triage.js";

const CHOICES: [TriageRequestState, string][] = [
  ["new", "New (no verdict)"],
  ["in_review", TRIAGE_LABELS.in_review],
  ["confirmed_ring", TRIAGE_LABELS.confirmed_ring],
  ["dismissed", "Dismissed as benign"],
];

export function triagePanel(opts: { clusterId: string; runId: string; signal: AbortSignal }): HTMLElement {
  const el = h("section", {
    class: "triage-panel",
    attrs: { "aria-label": "Triage", "aria-live": "polite" },
    dataset: { triage: "loading" },
  });
  let canWork = false;

  function draw(t: TriageView): void {
    el.dataset.triage = t.triage_state;
    const meta = h(
      "div",
      { class: "triage-meta muted" },
      t.updated_at ? `Set by ${t.updated_by} on ${formatDateTime(t.updated_at)}` : "No verdict yet",
      t.reason ? ` · ${REASON_LABELS[t.reason]}` : "",
      t.note ? ` · “${t.note}”` : "",
      t.grown_since_dismissed
        ? h(
            "strong",
            { class: "triage-grown" },
            ` · ${plural(t.added_since_verdict.length, "application")} joined since it was dismissed: ${t.added_since_verdict.slice(0, 5).join(", ")}${t.added_since_verdict.length > 5 ? "…" : ""}`,
          )
        : null,
      t.case_ids.length
        ? [
            " · Open cases: ",
            ...t.case_ids.flatMap((id, i) => [i ? ", " : "", h("a", { href: `/cases/${encodeURIComponent(id)}` }, id)]),
          ]
        : null,
      t.history.length ? ` · ${plural(t.history.length, "change")} in its history` : null,
    );
    if (!canWork) {
      replace(el, h("span", { class: "field-label" }, "Triage"), triageBadge(t.triage_state), meta);
      return;
    }
    const state = h(
      "select",
      { class: "input", name: "triage-state", attrs: { "aria-label": "Triage state" } },
      CHOICES.map(([v, label]) => h("option", { value: v, selected: v === t.state }, label)),
    );
    const reason = h(
      "select",
      { class: "input", name: "triage-reason", attrs: { "aria-label": "Why it is benign" } },
      h("option", { value: "" }, "Choose a reason…"),
      (Object.keys(REASON_LABELS) as DismissReason[]).map((r) =>
        h("option", { value: r, selected: r === t.reason }, REASON_LABELS[r]),
      ),
    );
    const note = h("textarea", {
      class: "input",
      name: "triage-note",
      value: t.note ?? "",
      placeholder: "Note (what you checked, who they are)",
      attrs: { "aria-label": "Triage note", maxlength: 10000, rows: 1 },
    });
    const draft = keepDraft(note, `triage:${opts.clusterId}:note`, t.note ?? "");
    const reasonField = h("label", { class: "field" }, h("span", { class: "field-label" }, "Reason"), reason);
    const showReason = () => (reasonField.hidden = state.value !== "dismissed");
    state.addEventListener("change", showReason);
    showReason();
    const save = h("button", { type: "button", class: "btn btn-small", dataset: { action: "save-triage" } }, "Save");
    save.addEventListener("click", async () => {
      const s = state.value as TriageRequestState;
      if (s === "dismissed" && !reason.value) {
        toast("Choose why the cluster is benign", "error");
        reason.focus();
        return;
      }
      save.disabled = true;
      try {
        const next = await api.setTriage(opts.clusterId, {
          state: s,
          reason: s === "dismissed" ? (reason.value as DismissReason) : undefined,
          note: note.value.trim() || undefined,
          run_id: s === "new" ? undefined : opts.runId,
        });
        draft.clear();
        toast(`Triage: ${TRIAGE_LABELS[next.triage_state]}`);
        draw(next);
      } catch (err) {
        toast(errorMessage(err), "error");
        save.disabled = false;
      }
    });
    replace(
      el,
      h("span", { class: "field-label" }, "Triage"),
      triageBadge(t.triage_state),
      h("label", { class: "field" }, h("span", { class: "field-label" }, "Verdict"), state),
      reasonField,
      h("label", { class: "field" }, h("span", { class: "field-label" }, "Note"), note),
      save,
      draft.restored ? h("span", { class: "draft-note" }, "Unsaved note restored") : null,
      meta,
    );
  }

  void (async () => {
    try {
      const [me, t] = await Promise.all([currentUser(), api.triage(opts.clusterId, opts.signal)]);
      if (opts.signal.aborted) return;
      canWork = me?.role === "investigator" || me?.role === "lead";
      draw(t);
    } catch (err) {
      if (!opts.signal.aborted) replace(el, h("span", { class: "muted" }, `Triage unavailable: ${errorMessage(err)}`));
    }
  })();
  return el;
}
