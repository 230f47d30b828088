/**
 * Not found
 * =========
 *
 * What the router shows for a path no page claims.
 */
import type { PageContext } from "../app/registry.js";
import { h, replace } from "../ui/dom.js";
import { emptyState } from "../ui/states.js";

export function notFoundPage(ctx: PageContext): void {
  replace(
    ctx.root,
    emptyState(
      "Page not found",
      `Nothing lives at ${window.location.pathname}.`,
      h("a", { class: "btn", href: "/" }, "Go to your start page"),
    ),
  );
}
