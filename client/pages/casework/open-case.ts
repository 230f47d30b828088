/**
 * "Open a case" from a cluster
 * ============================
 *
 * A button for the cluster page: a dialog to name the case and keep all of the cluster's applications
 * (frozen with its score and reasons) or only those ticked (a case from selected nodes), then opens it.
 * When the cluster already has a case not closed, the server answers 409: the dialog links the existing
 * case(s) and opens another only on an explicit "Open another anyway".
 */
import type { CaseView } from "../../../server/common/api/cases.js";
import { api, ApiError } from "../../api.js";
import { h, replace } from "../../ui/dom.js";
import { errorMessage } from "../../ui/states.js";
import { openDialog } from "./dialog.js";
import { currentUser } from "../../app/session.js";

export function openCaseButton(opts: {
  clusterId: string;
  runId: string;
  applicationIds: string[];
  navigate(href: string): void;
}): HTMLElement {
  const button = h(
    "button",
    { type: "button", class: "btn btn-primary btn-small", dataset: { action: "open-case" }, hidden: true },
    "Open case",
  );
  void currentUser()
    .then((me) => {
      button.hidden = !me || (me.role !== "investigator" && me.role !== "lead");
    })
    .catch(() => undefined);
  button.addEventListener("click", () => {
    const d = openDialog(`Open a case from cluster ${opts.clusterId}`, { id: "open-case-dialog" });
    const title = h("input", {
      class: "input",
      name: "title",
      placeholder: `Cluster ${opts.clusterId}`,
      attrs: { maxlength: 200 },
    });
    const all = h("input", { type: "radio", name: "scope", value: "all", checked: true });
    const some = h("input", { type: "radio", name: "scope", value: "some" });
    const boxes = opts.applicationIds.map((id) => h("input", { type: "checkbox", value: id, checked: true }));
    const list = h(
      "fieldset",
      { class: "case-pick", disabled: true },
      h("legend", { class: "sr-only" }, "Applications to include"),
      boxes.map((b) => h("label", { class: "case-pick-item" }, b, b.value)),
    );
    const error = h("p", { class: "auth-error", attrs: { role: "alert" } });
    const warning = h("div", { class: "duplicate-warning", hidden: true });
    let confirmDuplicate = false;
    // Following a link to the existing case leaves the page: the dialog goes with it.
    warning.addEventListener("click", (e) => {
      if ((e.target as Element).closest("a")) d.close();
    });
    for (const r of [all, some]) r.addEventListener("change", () => (list.disabled = all.checked));
    replace(
      d.body,
      h("label", { class: "field" }, h("span", { class: "field-label" }, "Title"), title),
      h(
        "div",
        { class: "field" },
        h(
          "label",
          null,
          all,
          ` All ${opts.applicationIds.length} applications (the cluster as detected: score and reasons frozen)`,
        ),
        h("label", null, some, " Only the applications ticked below"),
      ),
      list,
      warning,
      error,
    );
    const submit = h(
      "button",
      { type: "button", class: "btn btn-primary", dataset: { action: "confirm-open-case" } },
      "Open case",
    );
    submit.addEventListener("click", async () => {
      error.textContent = "";
      submit.disabled = true;
      const body = all.checked
        ? {
            cluster_id: opts.clusterId,
            run_id: opts.runId,
            title: title.value.trim() || undefined,
            ...(confirmDuplicate ? { confirm_duplicate: true } : {}),
          }
        : {
            application_ids: boxes.filter((b) => b.checked).map((b) => b.value),
            title: title.value.trim() || undefined,
          };
      try {
        const c = await api.post<CaseView>("/api/cases", body);
        d.close();
        opts.navigate(`/cases/${encodeURIComponent(c.id)}`);
      } catch (err) {
        const existing = (err as ApiError).details as { case_ids?: string[] } | undefined;
        if (err instanceof ApiError && err.status === 409 && existing?.case_ids?.length) {
          showDuplicate(existing.case_ids);
          submit.disabled = false;
          return;
        }
        error.textContent = errorMessage(err);
        submit.disabled = false;
      }
    });
    function showDuplicate(caseIds: string[]): void {
      confirmDuplicate = true;
      warning.hidden = false;
      warning.className = "duplicate-warning notice-warning";
      warning.setAttribute("role", "alert");
      replace(
        warning,
        h(
          "strong",
          null,
          caseIds.length === 1 ? "This cluster already has an open case: " : "This cluster already has open cases: ",
        ),
        ...caseIds.flatMap((id, i) => [
          i ? ", " : "",
          h("a", { href: `/cases/${encodeURIComponent(id)}`, dataset: { existingCase: id } }, id),
        ]),
        ". Work on it there, or open another case anyway.",
      );
      submit.textContent = "Open another anyway";
      submit.dataset.action = "confirm-duplicate";
    }
    replace(d.footer, h("button", { type: "button", class: "btn", on: { click: () => d.close() } }, "Cancel"), submit);
    title.focus();
  });
  return button;
}
