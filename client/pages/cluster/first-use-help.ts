/**
 * First-use help
 * ==============
 *
 * On a browser's first cluster page, a short note on how to read and work the graph, with a link to
 * the glossary; "Got it" hides it for good (remembered in localStorage).
 */
import { h } from "../../ui/dom.js";

const KEY = "ringscope:help:cluster:v1";

function seen(): boolean {
  try {
    return localStorage.getItem(KEY) === "seen";
  } catch {
    return true;
  }
}

export function firstUseHelp(onClose: () => void): HTMLElement | null {
  if (seen()) return null;
  const box = h(
    "section",
    { class: "first-use-help panel-section", attrs: { role: "note", "aria-label": "How to read this page" } },
    h("h3", { class: "section-title" }, "How to read this page"),
    h(
      "ul",
      null,
      h("li", null, "Circles are applications; other shapes are what they share (legend above the graph)."),
      h(
        "li",
        null,
        "Left: why the cluster exists and how it scored. Each reason and count has a ",
        h("a", { href: "/glossary" }, "glossary"),
        " entry (the ? links).",
      ),
      h(
        "li",
        null,
        "Hover a node to focus it, click to see its details, shift-click two applications and press W for why they are linked.",
      ),
      h(
        "li",
        null,
        "[ and ] hide the side panels, M gives the graph the whole window, F finds a node, / searches everything.",
      ),
    ),
    h(
      "button",
      {
        type: "button",
        class: "btn btn-small",
        dataset: { action: "dismiss-help" },
        on: {
          click: () => {
            try {
              localStorage.setItem(KEY, "seen");
            } catch {
              // shown again next time
            }
            box.remove();
            onClose();
          },
        },
      },
      "Got it",
    ),
  );
  return box;
}
