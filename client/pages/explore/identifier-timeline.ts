/**
 * Identifier timeline
 * ===================
 *
 * Every application using an identifier as a dot on a time axis (one row per cluster of the latest run,
 * one for "no cluster"), so a burst, a long-running reuse or two separate episodes show at a glance.
 * SVG; a click on a dot opens the application's page (plain SVG circles: the router's link handling
 * expects HTML anchors); its name and date are the tooltip. The table beside it has the same links.
 */
import type { IdentifierContext } from "../../api.js";
import { applicationHref } from "../../explore/search-entries.js";
import { svg } from "../../ui/dom.js";
import { formatDate, formatDateTime } from "../../ui/format.js";

const WIDTH = 640;
const ROW = 22;
const LEFT = 110;
const RIGHT = 16;

export function identifierTimeline(c: IdentifierContext, navigate: (href: string) => void): SVGSVGElement {
  const apps = c.applications.filter((a) => !Number.isNaN(Date.parse(a.submitted_at)));
  const rows = [...new Set(apps.map((a) => a.cluster_id ?? ""))].sort((a, b) =>
    a === "" ? 1 : b === "" ? -1 : a.localeCompare(b),
  );
  const times = apps.map((a) => Date.parse(a.submitted_at));
  const t0 = Math.min(...times);
  const t1 = Math.max(...times);
  const span = Math.max(1, t1 - t0);
  const height = 30 + rows.length * ROW;
  const x = (t: number) => LEFT + ((t - t0) / span) * (WIDTH - LEFT - RIGHT);
  const el = svg("svg", {
    class: "identifier-timeline",
    viewBox: `0 0 ${WIDTH} ${height}`,
    width: "100%",
    role: "img",
    "aria-label": `${apps.length} applications from ${formatDate(t0)} to ${formatDate(t1)}`,
  });
  rows.forEach((row, r) => {
    const y = 12 + r * ROW;
    const label = svg("text", { x: 0, y: y + 4, class: "timeline-row-label" });
    label.textContent = row || "no cluster";
    el.append(svg("line", { x1: LEFT, x2: WIDTH - RIGHT, y1: y, y2: y, class: "timeline-row-line" }), label);
  });
  for (const a of apps) {
    const r = rows.indexOf(a.cluster_id ?? "");
    const title = svg("title");
    title.textContent = `${a.full_name ?? a.id} (${a.id}) · ${formatDateTime(a.submitted_at)}`;
    const dot = svg(
      "circle",
      {
        cx: x(Date.parse(a.submitted_at)).toFixed(1),
        cy: 12 + r * ROW,
        r: 5,
        class: `timeline-dot risk-${a.cluster_risk_level ?? "none"}`,
        "data-id": a.id,
      },
      title,
    );
    dot.addEventListener("click", () => navigate(applicationHref(a.id)));
    el.append(dot);
  }
  const axisY = height - 8;
  for (const [t, anchor] of [
    [t0, "start"],
    [t1, "end"],
  ] as const) {
    const text = svg("text", { x: x(t), y: axisY, "text-anchor": anchor, class: "timeline-axis" });
    text.textContent = formatDate(t);
    el.append(text);
  }
  return el;
}
