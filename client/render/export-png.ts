/**
 * PNG export
 * ==========
 *
 * Saves the current view (same camera, same filters and highlights) as a PNG via @sigma/export-image,
 * on white, with a caption naming the cluster and the export time so a pasted image stays attributable,
 * and the legend (shape and colour of each kind drawn) in a box at the bottom left, so the picture
 * reads on its own in a report.
 */
import { drawOnCanvas } from "@sigma/export-image";
import type Sigma from "sigma";

import type { ShapeName } from "../graph/kinds.js";
import type { Renderer } from "./create-renderer.js";

export interface LegendEntry {
  label: string;
  color: string;
  shape: ShapeName;
}

/** A shape like the node program's, centred at (x, y) with radius r. */
function shapePath(shape: ShapeName, x: number, y: number, r: number): Path2D {
  const p = new Path2D();
  const polygon = (n: number, rotation: number, rr = r) => {
    for (let i = 0; i < n; i++) {
      const a = rotation + (2 * Math.PI * i) / n;
      if (i === 0) p.moveTo(x + rr * Math.cos(a), y + rr * Math.sin(a));
      else p.lineTo(x + rr * Math.cos(a), y + rr * Math.sin(a));
    }
    p.closePath();
  };
  switch (shape) {
    case "circle":
    case "ring":
      p.arc(x, y, r, 0, 2 * Math.PI);
      break;
    case "square":
      p.rect(x - r * 0.85, y - r * 0.85, r * 1.7, r * 1.7);
      break;
    case "diamond":
      polygon(4, 0);
      break;
    case "triangle":
      polygon(3, -Math.PI / 2);
      break;
    case "hexagon":
      polygon(6, Math.PI / 6);
      break;
    case "pentagon":
      polygon(5, -Math.PI / 2);
      break;
    case "star":
      for (let i = 0; i < 10; i++) {
        const a = -Math.PI / 2 + (Math.PI * i) / 5;
        const rr = i % 2 === 0 ? r : r * 0.45;
        if (i === 0) p.moveTo(x + rr * Math.cos(a), y + rr * Math.sin(a));
        else p.lineTo(x + rr * Math.cos(a), y + rr * Math.sin(a));
      }
      p.closePath();
      break;
  }
  return p;
}

/** Draws the legend box with its bottom-left corner at (x, bottom), in CSS pixels. */
export function drawLegend(ctx: CanvasRenderingContext2D, entries: LegendEntry[], x: number, bottom: number): void {
  if (!entries.length) return;
  const row = 20;
  ctx.font = "500 12px Inter, system-ui, sans-serif";
  const width = Math.max(...entries.map((e) => ctx.measureText(e.label).width)) + 44;
  const height = entries.length * row + 12;
  const top = bottom - height;
  ctx.fillStyle = "rgba(255,255,255,0.94)";
  ctx.strokeStyle = "#DDE1E7";
  ctx.fillRect(x, top, width, height);
  ctx.strokeRect(x + 0.5, top + 0.5, width - 1, height - 1);
  entries.forEach((e, i) => {
    const cy = top + 6 + row * i + row / 2;
    const path = shapePath(e.shape, x + 16, cy, 6);
    if (e.shape === "ring") {
      ctx.lineWidth = 3;
      ctx.strokeStyle = e.color;
      ctx.stroke(path);
    } else {
      ctx.fillStyle = e.color;
      ctx.fill(path);
    }
    ctx.fillStyle = "#1F2933";
    ctx.fillText(e.label, x + 30, cy + 4);
  });
}

export async function exportPng(
  renderer: Renderer,
  caption: string,
  fileName: string,
  legend: LegendEntry[] = [],
): Promise<void> {
  const canvas = await drawOnCanvas(renderer as unknown as Sigma, { backgroundColor: "#ffffff" });
  const ctx = canvas.getContext("2d")!;
  const ratio = window.devicePixelRatio || 1;
  ctx.save();
  ctx.scale(ratio, ratio);
  ctx.font = "500 12px Inter, system-ui, sans-serif";
  const width = ctx.measureText(caption).width;
  ctx.fillStyle = "rgba(255,255,255,0.9)";
  ctx.fillRect(8, 8, width + 16, 24);
  ctx.fillStyle = "#1F2933";
  ctx.fillText(caption, 16, 24);
  drawLegend(ctx, legend, 8, canvas.height / ratio - 8);
  ctx.restore();
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, "image/png"));
  if (!blob) throw new Error("export: the browser could not encode the image");
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = `${fileName}.png`;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
