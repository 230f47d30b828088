/**
 * "Open case" from an entity page
 * ===============================
 *
 * A button that opens a case from chosen applications (an applicant and their other applications, or
 * everyone using an identifier), pinning the identifier that started it, then goes to the case. Shown
 * only to the roles that may open cases (investigators and leads).
 */
import type { CaseView } from "../../../server/common/api/cases.js";
import { api } from "../../api.js";
import { currentUser } from "../../app/session.js";
import { h } from "../../ui/dom.js";
import { errorMessage, toast } from "../../ui/states.js";

/** The server's limit on applications in a case opened from a selection. */
const MAX_SELECTION = 2000;

export function openCaseAction(opts: {
  label: string;
  title: string;
  applicationIds: string[];
  pins?: string[];
  navigate(href: string): void;
}): HTMLElement {
  const ids = [...new Set(opts.applicationIds)].slice(0, MAX_SELECTION);
  const button = h(
    "button",
    { type: "button", class: "btn btn-primary btn-small", dataset: { action: "open-case" }, hidden: true },
    opts.label,
  );
  void currentUser()
    .then((me) => {
      button.hidden = !me || (me.role !== "investigator" && me.role !== "lead");
    })
    .catch(() => undefined);
  button.addEventListener("click", async () => {
    button.disabled = true;
    try {
      const c = await api.post<CaseView>("/api/cases", {
        title: opts.title,
        application_ids: ids,
        ...(opts.pins?.length ? { identifiers: opts.pins } : {}),
      });
      toast(`Opened ${c.id}`);
      opts.navigate(`/cases/${encodeURIComponent(c.id)}`);
    } catch (err) {
      toast(`Could not open the case: ${errorMessage(err)}`, "error");
      button.disabled = false;
    }
  });
  return button;
}
