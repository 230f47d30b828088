/**
 * Modal dialog
 * ============
 *
 * A native `<dialog>` (focus trapped, Esc closes, backdrop) with a title, a body and a footer; removed
 * from the page when closed.
 */
import { h } from "../../ui/dom.js";

export interface Dialog {
  element: HTMLDialogElement;
  body: HTMLElement;
  footer: HTMLElement;
  close(): void;
}

export function openDialog(title: string, opts: { id?: string; wide?: boolean } = {}): Dialog {
  const body = h("div", { class: "dialog-body" });
  const footer = h("div", { class: "dialog-footer" });
  const headingId = `${opts.id ?? "dialog"}-title`;
  const element = h(
    "dialog",
    { class: `dialog${opts.wide ? " dialog-wide" : ""}`, id: opts.id ?? "", attrs: { "aria-labelledby": headingId } },
    h(
      "div",
      { class: "dialog-header" },
      h("h2", { id: headingId }, title),
      h(
        "button",
        {
          type: "button",
          class: "icon-button",
          attrs: { "aria-label": "Close" },
          on: { click: () => element.close() },
        },
        "×",
      ),
    ),
    body,
    footer,
  );
  element.addEventListener("close", () => element.remove());
  document.body.append(element);
  element.showModal();
  return { element, body, footer, close: () => element.close() };
}
