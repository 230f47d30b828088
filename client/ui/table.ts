/**
 * Tables
 * ======
 *
 * The list tables every page draws (queue, cases, audit, runs, case members, users, tokens): a
 * `<table>` with one header row of column titles (`scope="col"`, an optional class for alignment)
 * and the rows the page builds. Pages decide the cells; this fixes the markup and its accessibility.
 */
import { h } from "./dom.js";

export type ColumnHead = string | { title: string; class?: string };

export function dataTable(
  className: string,
  columns: readonly ColumnHead[],
  rows: readonly HTMLElement[],
): HTMLTableElement {
  return h(
    "table",
    { class: className },
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
