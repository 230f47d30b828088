/**
 * Tables
 * ======
 *
 * The list tables every page draws (queue, cases, audit, runs, rules, case members, users, tokens, an
 * application's identifiers): a `<table>` with an optional caption for screen readers, one header row of
 * column titles (`scope="col"`, an optional class for alignment) and the rows the page builds. Pages decide the cells; this fixes the markup and its accessibility.
 */
import { h } from "./dom.js";

export type ColumnHead = string | { title: string; class?: string };

export function dataTable(
  className: string,
  columns: readonly ColumnHead[],
  rows: readonly HTMLElement[],
  opts: { caption?: string } = {},
): HTMLTableElement {
  return h(
    "table",
    { class: className },
    opts.caption ? h("caption", { class: "sr-only" }, opts.caption) : null,
    h(
      "thead",
      null,
      h(
        "tr",
        null,
        columns.map((c) =>
          typeof c === "string" ? h("th", { scope: "col" }, c) : h("th", { scope: "col", class: c.class }, c.title),
        ),
      ),
    ),
    h("tbody", null, [...rows]),
  );
}
