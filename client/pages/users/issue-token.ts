/**
 * Issue-token form
 * ================
 *
 * Name, scopes (one checkbox per scope the server knows) and an optional lifetime in days. The secret
 * the server returns once goes to `onIssued`; validation errors are shown next to the fields.
 */
import type { ServiceToken, TokenScope } from "../../../server/common/users.js";
import { api } from "../../api.js";
import { h } from "../../ui/dom.js";
import { checkedForm, field, type Field } from "./form-errors.js";
import { TOKEN_SCOPE_HELP, TOKEN_SCOPES } from "./labels.js";

const MAX_DAYS = 3650;

export function issueTokenForm(onIssued: (token: ServiceToken, secret: string) => void): HTMLFormElement {
  const name = h("input", {
    class: "input",
    name: "name",
    id: "new-token-name",
    required: true,
    attrs: { autocomplete: "off", maxlength: 64 },
  });
  const days = h("input", {
    class: "input input-narrow",
    type: "number",
    name: "expires_days",
    id: "new-token-days",
    placeholder: "never",
    attrs: { min: 1, max: MAX_DAYS, step: 1, inputmode: "numeric" },
  });
  const boxes = TOKEN_SCOPES.map((s) => h("input", { type: "checkbox", name: "scopes", value: s }));
  const scopesError = h("span", { class: "field-error small", id: "new-token-scopes-error" });
  const scopes: Field = {
    element: h(
      "fieldset",
      { class: "field token-scopes", attrs: { "aria-describedby": scopesError.id } },
      h("legend", { class: "field-label" }, "Scopes"),
      boxes.map((b) =>
        h(
          "label",
          { class: "token-scope" },
          b,
          ` ${b.value}`,
          h("span", { class: "muted small" }, ` ${TOKEN_SCOPE_HELP[b.value as TokenScope]}`),
        ),
      ),
      scopesError,
    ),
    setError(message) {
      scopesError.textContent = message;
    },
  };
  const fields = {
    name: field("Name", name, "Who uses it, e.g. nightly-ingest."),
    scopes,
    expires_days: field("Expires after (days)", days, `Optional, 1–${MAX_DAYS}; empty: never.`),
  };
  const chosen = () => boxes.filter((b) => b.checked).map((b) => b.value as TokenScope);
  const expires = () => (days.value.trim() ? Number(days.value.trim()) : null);
  return checkedForm({
    label: "Issue a service token",
    submitText: "Issue token",
    busyText: "Issuing…",
    fields,
    check() {
      let problems = 0;
      const problem = (f: Field, message: string) => {
        problems++;
        f.setError(message);
      };
      const e = expires();
      if (!name.value.trim()) problem(fields.name, "Enter a name.");
      if (!chosen().length) problem(fields.scopes, "Pick at least one scope.");
      if (days.validity.badInput || (e !== null && !(Number.isInteger(e) && e >= 1 && e <= MAX_DAYS)))
        problem(fields.expires_days, `A whole number of days from 1 to ${MAX_DAYS}, or empty.`);
      return problems ? "Check the fields marked above." : "";
    },
    async send(form) {
      const r = await api.post<{ token: ServiceToken; secret: string }>("/api/tokens", {
        name: name.value.trim(),
        scopes: chosen(),
        expires_days: expires(),
      });
      form.reset();
      onIssued(r.token, r.secret);
    },
  });
}
