/**
 * Signing in again in place
 * =========================
 *
 * When a request comes back 401 after someone was signed in on this page (the session expired or was
 * ended), a dialog asks for the password again instead of leaving the page, so nothing typed is lost;
 * the API client then sends the request once more (see api.ts). Several requests failing together share
 * one dialog. Cancelling falls back to the sign-in page (drafts stay in local storage, see ui/drafts.ts).
 */
import { api, ApiError, setReauthHandler } from "../api.js";
import { openDialog } from "../pages/casework/dialog.js";
import { h, replace } from "../ui/dom.js";
import { errorMessage } from "../ui/states.js";
import { currentUser, sessionChanged } from "./session.js";

let pending: Promise<boolean> | null = null;

function ask(username: string): Promise<boolean> {
  return new Promise((resolve) => {
    let done = false;
    const d = openDialog("Your session has ended", { id: "reauth-dialog" });
    const password = h("input", {
      class: "input",
      type: "password",
      name: "password",
      attrs: { autocomplete: "current-password", "aria-label": "Password", required: true },
    });
    const error = h("p", { class: "auth-error", attrs: { role: "alert" } });
    const submit = h("button", { type: "submit", class: "btn btn-primary", dataset: { action: "reauth" } }, "Sign in");
    const form = h(
      "form",
      {
        class: "reauth-form",
        on: {
          submit: async (e: Event) => {
            e.preventDefault();
            error.textContent = "";
            submit.disabled = true;
            try {
              await api.post("/api/auth/signin", { username, password: password.value }, { noAuthRedirect: true });
              done = true;
              sessionChanged();
              d.close();
              resolve(true);
            } catch (err) {
              error.textContent =
                err instanceof ApiError && err.status === 401 ? "Wrong password. Try again." : errorMessage(err);
              submit.disabled = false;
              password.select();
            }
          },
        },
      },
      h(
        "p",
        null,
        `Sign in again as ${username} to carry on. What you were saving is kept and will be sent once you are signed in.`,
      ),
      h("label", { class: "field" }, h("span", { class: "field-label" }, "Password"), password),
      error,
      h(
        "div",
        { class: "dialog-footer" },
        h("button", { type: "button", class: "btn", on: { click: () => d.close() } }, "Cancel"),
        submit,
      ),
    );
    replace(d.body, form);
    d.footer.remove();
    d.element.addEventListener("close", () => {
      if (!done) resolve(false);
    });
    password.focus();
  });
}

setReauthHandler(() => {
  pending ??= (async () => {
    const me = await currentUser().catch(() => null);
    if (!me) return false;
    return ask(me.username);
  })().finally(() => {
    pending = null;
  });
  return pending;
});
