/**
 * Confirmation dialog
 * ===================
 *
 * "Disable alice?" with Cancel and the action's own verb, in the shared modal dialog (focus trapped,
 * Esc cancels). Resolves true only when the action button was pressed.
 */
import { h, replace } from "../../ui/dom.js";
import { openDialog } from "../casework/dialog.js";

export function confirmAction(opts: {
  title: string;
  message: string;
  confirmLabel: string;
  danger?: boolean;
}): Promise<boolean> {
  return new Promise((resolve) => {
    const d = openDialog(opts.title, { id: "confirm-dialog" });
    let confirmed = false;
    const cancel = h("button", { type: "button", class: "btn", on: { click: () => d.close() } }, "Cancel");
    const ok = h(
      "button",
      {
        type: "button",
        class: `btn ${opts.danger ? "btn-danger" : "btn-primary"}`,
        dataset: { action: "confirm" },
        on: {
          click: () => {
            confirmed = true;
            d.close();
          },
        },
      },
      opts.confirmLabel,
    );
    d.element.setAttribute("aria-describedby", "confirm-dialog-message");
    replace(d.body, h("p", { id: "confirm-dialog-message" }, opts.message));
    replace(d.footer, cancel, ok);
    d.element.addEventListener("close", () => resolve(confirmed));
    // The safe choice has the focus: Enter on a dialog opened by mistake does nothing harmful.
    cancel.focus();
  });
}
