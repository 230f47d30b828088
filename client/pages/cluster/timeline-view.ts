/**
 * Timeline
 * ========
 *
 * A histogram of the cluster's submission times under the graph. Dragging across bars (or clicking one)
 * brushes a time range, which hides applications outside it; keyboard: arrow keys move a one-bar
 * selection, Shift+arrows widen it, Escape clears. The histogram is computed by graph/timeline.ts.
 */
import { binTimes, binsToRange, rangeToBins, type Histogram, type TimeRange } from "../../graph/timeline.js";
import { h, replace, svg } from "../../ui/dom.js";
import { formatDate, formatRange, plural } from "../../ui/format.js";

export interface TimelineView {
  element: HTMLElement;
  setRange(range: TimeRange | null): void;
  destroy(): void;
}

const HEIGHT = 64;
const AXIS = 16;

export function createTimeline(times: number[], onRange: (range: TimeRange | null) => void): TimelineView {
  const hist: Histogram = binTimes(times, 60);
  const chart = h("div", {
    class: "timeline-chart",
    attrs: {
      tabindex: "0",
      role: "group",
      "aria-label":
        "Submission timeline. Drag or use the arrow keys to choose a time range; Shift widens it; Escape clears.",
    },
  });
  const label = h("span", { class: "timeline-label" });
  const clear = h(
    "button",
    { type: "button", class: "btn btn-small btn-ghost", hidden: true, on: { click: () => onRange(null) } },
    "Clear range",
  );
  const element = h(
    "div",
    { class: "timeline" },
    h("div", { class: "timeline-head" }, h("span", { class: "timeline-title" }, "Submissions"), label, clear),
    chart,
  );
  let selection: [number, number] | null = null;
  let drag: { start: number; moved: boolean } | null = null;
  let width = 0;

  const total = times.length;
  const countIn = (bins: [number, number] | null) =>
    bins ? hist.counts.slice(bins[0], bins[1] + 1).reduce((a, b) => a + b, 0) : total;

  function binAt(clientX: number): number {
    const rect = chart.getBoundingClientRect();
    const x = Math.max(0, Math.min(rect.width - 1, clientX - rect.left));
    return Math.floor((x / rect.width) * hist.counts.length);
  }

  function draw(): void {
    width = chart.clientWidth || 600;
    const n = hist.counts.length;
    if (n === 0) {
      replace(chart, h("p", { class: "muted small" }, "No submission times in this cluster."));
      return;
    }
    const bw = width / n;
    const bars = hist.counts.map((c, i) => {
      const bh = hist.max ? Math.max(c ? 2 : 0, ((HEIGHT - 4) * c) / hist.max) : 0;
      const inSel = !selection || (i >= selection[0] && i <= selection[1]);
      const r = svg("rect", {
        x: (i * bw + 0.5).toFixed(1),
        y: (HEIGHT - bh).toFixed(1),
        width: Math.max(1, bw - 1).toFixed(1),
        height: bh.toFixed(1),
        class: inSel ? "bar bar-in" : "bar bar-out",
      });
      r.append(svg("title", {}));
      r.firstChild!.textContent = `${formatRange(...binsToRange(hist, i, i))}: ${plural(c, "application")}`;
      return r;
    });
    const shade = selection
      ? [
          svg("rect", {
            x: (selection[0] * bw).toFixed(1),
            y: 0,
            width: ((selection[1] - selection[0] + 1) * bw).toFixed(1),
            height: HEIGHT,
            class: "brush",
          }),
        ]
      : [];
    const first = formatDate(hist.start);
    const last = formatDate(hist.start + n * hist.step - 1);
    const axis = [
      svg("text", { x: 0, y: HEIGHT + 12, class: "axis-label" }),
      svg("text", { x: width, y: HEIGHT + 12, class: "axis-label", "text-anchor": "end" }),
    ];
    axis[0]!.textContent = first;
    axis[1]!.textContent = `${last} · one bar per ${hist.stepLabel}`;
    replace(
      chart,
      svg(
        "svg",
        { width, height: HEIGHT + AXIS, viewBox: `0 0 ${width} ${HEIGHT + AXIS}`, "aria-hidden": "true" },
        ...shade,
        ...bars,
        ...axis,
      ),
    );
    const range = selection ? binsToRange(hist, selection[0], selection[1]) : null;
    label.textContent = range
      ? `${formatRange(range[0], range[1])} · ${plural(countIn(selection), "application")} of ${total}`
      : `${plural(total, "application")} · all dates`;
    clear.hidden = !selection;
  }

  function commit(): void {
    onRange(selection ? binsToRange(hist, selection[0], selection[1]) : null);
  }

  chart.addEventListener("pointerdown", (e) => {
    if (hist.counts.length === 0 || e.button !== 0) return;
    chart.setPointerCapture(e.pointerId);
    const i = binAt(e.clientX);
    drag = { start: i, moved: false };
  });
  chart.addEventListener("pointermove", (e) => {
    if (!drag) return;
    const i = binAt(e.clientX);
    if (i !== drag.start) drag.moved = true;
    selection = [Math.min(drag.start, i), Math.max(drag.start, i)];
    draw();
  });
  chart.addEventListener("pointerup", (e) => {
    if (!drag) return;
    const i = binAt(e.clientX);
    const single = !drag.moved && i === drag.start;
    // A click on the only selected bar clears; a click elsewhere selects that bar.
    if (single && selection && selection[0] === i && selection[1] === i && !drag.moved) selection = null;
    else selection = [Math.min(drag.start, i), Math.max(drag.start, i)];
    drag = null;
    draw();
    commit();
  });
  chart.addEventListener("keydown", (e) => {
    const n = hist.counts.length;
    if (!n) return;
    let next: [number, number] | null;
    if (e.key === "ArrowRight" || e.key === "ArrowLeft") {
      const d = e.key === "ArrowRight" ? 1 : -1;
      if (!selection) next = d > 0 ? [0, 0] : [n - 1, n - 1];
      else if (e.shiftKey)
        next =
          d > 0 ? [selection[0], Math.min(n - 1, selection[1] + 1)] : [Math.max(0, selection[0] - 1), selection[1]];
      else {
        const i = Math.max(0, Math.min(n - 1, (d > 0 ? selection[1] : selection[0]) + d));
        next = [i, i];
      }
    } else if (e.key === "Home") next = [0, 0];
    else if (e.key === "End") next = [n - 1, n - 1];
    else if (e.key === "Escape") next = null;
    else return;
    e.preventDefault();
    e.stopPropagation();
    selection = next;
    draw();
    commit();
  });

  const resize = new ResizeObserver(() => {
    if (chart.clientWidth !== width) draw();
  });
  resize.observe(chart);
  draw();

  return {
    element,
    setRange(range) {
      selection = range ? rangeToBins(hist, range) : null;
      draw();
    },
    destroy() {
      resize.disconnect();
    },
  };
}
