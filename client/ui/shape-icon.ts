/**
 * Shape icons
 * ===========
 *
 * Small SVG versions of the node shapes (same colours, same darker outline) for the legend, panels and
 * lists, so the key on screen matches what the graph draws.
 */
import { KIND_STYLES, type NodeKind, type ShapeName } from "../graph/kinds.js";
import { svg } from "./dom.js";

function polygon(n: number, r: number, rotation: number): string {
  const pts: string[] = [];
  for (let i = 0; i < n; i++) {
    const a = rotation + (2 * Math.PI * i) / n;
    pts.push(`${(8 + r * Math.cos(a)).toFixed(2)},${(8 + r * Math.sin(a)).toFixed(2)}`);
  }
  return pts.join(" ");
}

function star(r: number, inner: number): string {
  const pts: string[] = [];
  for (let i = 0; i < 10; i++) {
    const a = -Math.PI / 2 + (Math.PI * i) / 5;
    const rr = i % 2 === 0 ? r : inner;
    pts.push(`${(8 + rr * Math.cos(a)).toFixed(2)},${(8.6 + rr * Math.sin(a)).toFixed(2)}`);
  }
  return pts.join(" ");
}

function shapeElement(shape: ShapeName, fill: string, stroke: string): SVGElement {
  const common = { fill, stroke, "stroke-width": 1.3 };
  switch (shape) {
    case "circle":
      return svg("circle", { cx: 8, cy: 8, r: 6.2, ...common });
    case "square":
      return svg("rect", { x: 2.6, y: 2.6, width: 10.8, height: 10.8, rx: 1.2, ...common });
    case "diamond":
      return svg("polygon", { points: "8,1.3 14.7,8 8,14.7 1.3,8", ...common });
    case "triangle":
      return svg("polygon", { points: polygon(3, 7, -Math.PI / 2), ...common, transform: "translate(0 1.2)" });
    case "hexagon":
      return svg("polygon", { points: polygon(6, 6.6, Math.PI / 6), ...common });
    case "ring":
      return svg("circle", { cx: 8, cy: 8, r: 4.6, fill: "none", stroke: fill, "stroke-width": 3.4 });
    case "pentagon":
      return svg("polygon", { points: polygon(5, 6.8, -Math.PI / 2), ...common, transform: "translate(0 0.6)" });
    case "star":
      return svg("polygon", { points: star(7.4, 3.3), ...common });
  }
}

/** Darker outline, as the node program draws it (colour × 0.55). */
export function outlineOf(color: string): string {
  const n = parseInt(color.slice(1), 16);
  const c = (v: number) =>
    Math.round(v * 0.55)
      .toString(16)
      .padStart(2, "0");
  return `#${c((n >> 16) & 255)}${c((n >> 8) & 255)}${c(n & 255)}`;
}

export function shapeIcon(kind: NodeKind, size = 16, color?: string): SVGSVGElement {
  const style = KIND_STYLES[kind];
  const fill = color ?? style.color;
  return svg(
    "svg",
    { width: size, height: size, viewBox: "0 0 16 16", class: "shape-icon", "aria-hidden": "true", focusable: "false" },
    shapeElement(style.shape, fill, outlineOf(fill)),
  );
}
