/**
 * Page states
 * ===========
 *
 * Loading, empty and error blocks, the same everywhere, announced to screen readers (`role=status` /
 * `role=alert`). An error offers a retry when the caller has one.
 */
import { ApiError } from "../api.js";
import { h } from "./dom.js";

export function loadingState(text = "Loading…"): HTMLElement {
  return h(
    "div",
    { class: "state state-loading", attrs: { role: "status", "aria-live": "polite" } },
    h("span", { class: "spinner", attrs: { "aria-hidden": "true" } }),
    text,
  );
}

export function emptyState(title: string, detail?: string, action?: HTMLElement): HTMLElement {
  return h(
    "div",
    { class: "state state-empty", attrs: { role: "status" } },
    h("p", { class: "state-title" }, title),
    detail ? h("p", { class: "state-detail" }, detail) : null,
    action ?? null,
  );
}

export function errorMessage(err: unknown): string {
  if (err instanceof ApiError) {
    if (err.status === 403) return "Your role does not give access to this. An admin can change roles if you need it.";
    return err.message;
  }
  return err instanceof Error ? err.message : String(err);
}

export function errorState(title: string, err: unknown, retry?: () => void): HTMLElement {
  return h(
    "div",
    { class: "state state-error", attrs: { role: "alert" } },
    h("p", { class: "state-title" }, title),
    h("p", { class: "state-detail" }, errorMessage(err)),
    retry ? h("button", { class: "btn", type: "button", on: { click: retry } }, "Try again") : null,
  );
}

/** A transient message at the bottom of the screen (export done, expand failed …). */
export function toast(text: string, kind: "info" | "error" = "info"): void {
  let host = document.getElementById("toasts");
  if (!host) {
    host = h("div", { id: "toasts", class: "toasts", attrs: { "aria-live": "polite" } });
    document.body.append(host);
  }
  const el = h("div", { class: `toast toast-${kind}`, attrs: { role: kind === "error" ? "alert" : "status" } }, text);
  host.append(el);
  setTimeout(() => el.remove(), kind === "error" ? 8000 : 4000);
}
