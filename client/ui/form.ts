/**
 * Form parts
 * ==========
 *
 * A labelled control (`label.field` with its caption above the control) and a titled page section,
 * as every form and filter bar writes them.
 */
import { h, type Child } from "./dom.js";

export function field(label: string, control: HTMLElement, ...after: Child[]): HTMLLabelElement {
  return h("label", { class: "field" }, h("span", { class: "field-label" }, label), control, ...after);
}

export function section(title: string, ...children: Child[]): HTMLElement {
  return h("section", { class: "case-section" }, h("h2", null, title), ...children);
}
