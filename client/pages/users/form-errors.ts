/**
 * Form errors
 * ===========
 *
 * A field with its label, hint and error line wired for assistive technology (`aria-describedby`,
 * `aria-invalid`), and the server's validation answer (`details: [{ path: "body.username", … }]`)
 * put next to the fields it names, the rest in the form's alert.
 */
import { ApiError } from "../../api.js";
import { h } from "../../ui/dom.js";
import { errorMessage } from "../../ui/states.js";

export interface Field {
  element: HTMLElement;
  setError(message: string): void;
}

type Control = HTMLInputElement | HTMLSelectElement;

export function field(label: string, control: Control, hint?: string): Field {
  const id = control.id || `f-${control.name}`;
  control.id = id;
  const hintEl = hint ? h("span", { class: "field-hint small muted", id: `${id}-hint` }, hint) : null;
  const errorEl = h("span", { class: "field-error small", id: `${id}-error` });
  control.setAttribute("aria-describedby", [hintEl?.id, errorEl.id].filter(Boolean).join(" "));
  return {
    element: h(
      "div",
      { class: "field" },
      h("label", { class: "field-label", htmlFor: id }, label),
      control,
      hintEl,
      errorEl,
    ),
    setError(message) {
      errorEl.textContent = message;
      if (message) control.setAttribute("aria-invalid", "true");
      else control.removeAttribute("aria-invalid");
    },
  };
}

/** Shows `err` on the fields it names (by body key) and returns the message for the form's alert. */
export function showServerError(err: unknown, fields: Record<string, Field>): string {
  for (const f of Object.values(fields)) f.setError("");
  if (!(err instanceof ApiError)) return errorMessage(err);
  const details = Array.isArray(err.details) ? (err.details as { path?: unknown; message?: unknown }[]) : [];
  const unplaced: string[] = [];
  for (const d of details) {
    const key = typeof d.path === "string" ? d.path.replace(/^body\./, "").split(".")[0]! : "";
    const message = typeof d.message === "string" ? d.message : "";
    if (fields[key]) fields[key].setError(message);
    else if (message) unplaced.push(message);
  }
  if (details.length && !unplaced.length) return "The server refused some fields: see the messages next to them.";
  return err.message;
}

export interface CheckedFormSpec {
  /** The form's accessible name. */
  label: string;
  submitText: string;
  /** The button's text while the request is in flight. */
  busyText: string;
  fields: Record<string, Field>;
  /** Checks the fields before sending (marking them): the alert's message, or "" to send. */
  check(): string;
  /** Sends the form; a refusal is shown next to the fields it names. */
  send(form: HTMLFormElement): Promise<void>;
}

/** A form of `fields` with an alert line and a submit button that is busy while `send` runs. */
export function checkedForm(spec: CheckedFormSpec): HTMLFormElement {
  const error = h("p", { class: "auth-error form-error", attrs: { role: "alert" } });
  const submit = h("button", { class: "btn btn-primary", type: "submit" }, spec.submitText);
  const form = h(
    "form",
    { class: "filter-bar users-form", attrs: { "aria-label": spec.label, novalidate: true } },
    ...Object.values(spec.fields).map((f) => f.element),
    h("div", { class: "users-form-submit" }, submit),
    error,
  );
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    error.textContent = "";
    for (const f of Object.values(spec.fields)) f.setError("");
    const problem = spec.check();
    if (problem) {
      error.textContent = problem;
      return;
    }
    submit.disabled = true;
    submit.textContent = spec.busyText;
    try {
      await spec.send(form);
    } catch (err) {
      error.textContent = showServerError(err, spec.fields);
    } finally {
      submit.disabled = false;
      submit.textContent = spec.submitText;
    }
  });
  return form;
}
