/**
 * Help links
 * ==========
 *
 * The small "?" beside a reason, pattern or count: its tooltip is the glossary's first sentence and a
 * click opens the glossary at that term. Unknown codes get no link (never a dead one).
 */
import { shortText, termAnchor, termFor } from "../../glossary/terms.js";
import { h } from "../../ui/dom.js";

export function helpLink(code: string): HTMLElement | null {
  const x = termFor(code);
  if (!x) return null;
  return h(
    "a",
    {
      class: "help-link",
      href: `/glossary#${termAnchor(x.id)}`,
      dataset: { term: x.id },
      attrs: { title: `${x.title}: ${shortText(x)}`, "aria-label": `What “${x.title}” means` },
    },
    "?",
  );
}
