/**
 * PNG export
 * ==========
 *
 * Saves the current view (same camera, same filters and highlights) as a PNG via @sigma/export-image,
 * on white, with a caption naming the cluster and the export time so a pasted image stays attributable.
 */
import { drawOnCanvas } from "@sigma/export-image";
import type Sigma from "sigma";

import type { Renderer } from "./create-renderer.js";

export async function exportPng(renderer: Renderer, caption: string, fileName: string): Promise<void> {
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
