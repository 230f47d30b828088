/**
 * Pager
 * =====
 *
 * "Previous · 1–50 of 1,234 · Next" under a paged table. The page owns the offset (kept in its URL);
 * the pager only reports the offset a button asks for.
 */
import { h } from "./dom.js";
import { formatNumber } from "./format.js";

export interface PagerOptions {
  offset: number;
  pageSize: number;
  /** Rows on this page. */
  shown: number;
  total: number;
  onOffset: (offset: number) => void;
  /** Button labels, for lists where "newer/older" reads better than "previous/next". */
  labels?: { previous: string; next: string };
  /** Show the range even when everything fits on one page. */
  always?: boolean;
}

export function pager(o: PagerOptions): HTMLElement | null {
  if (!o.always && o.total <= o.pageSize) return null;
  const labels = o.labels ?? { previous: "Previous", next: "Next" };
  const to = Math.min(o.offset + o.shown, o.total);
  const range =
    o.total === 0 ? "none" : `${formatNumber(o.offset + 1)}–${formatNumber(to)} of ${formatNumber(o.total)}`;
  const button = (label: string, disabled: boolean, offset: number) =>
    h("button", { class: "btn btn-small", type: "button", disabled, on: { click: () => o.onOffset(offset) } }, label);
  return h(
    "nav",
    { class: "pager", attrs: { "aria-label": "Pages" } },
    button(labels.previous, o.offset === 0, Math.max(0, o.offset - o.pageSize)),
    h("span", { class: "muted" }, range),
    button(labels.next, to >= o.total, o.offset + o.pageSize),
  );
}
