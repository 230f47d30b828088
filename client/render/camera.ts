/**
 * Camera moves
 * ============
 *
 * Moving sigma's camera to a node or to a set of nodes. Positions come from the renderer's display data
 * (the "framed graph" space in which the whole graph spans about 0..1 and camera ratio 1 shows it all).
 */
import type { Renderer } from "./create-renderer.js";

const DURATION = 450;

/** The camera state that frames a bounding box in framed-graph space, with a margin. */
export function frameBox(box: { minX: number; minY: number; maxX: number; maxY: number }, minRatio = 0.08) {
  const w = box.maxX - box.minX;
  const h = box.maxY - box.minY;
  return {
    x: (box.minX + box.maxX) / 2,
    y: (box.minY + box.maxY) / 2,
    ratio: Math.min(1.2, Math.max(minRatio, Math.max(w, h) * 1.35)),
  };
}

export function focusNode(renderer: Renderer, node: string, ratio = 0.25): void {
  const d = renderer.getNodeDisplayData(node);
  if (!d) return;
  const camera = renderer.getCamera();
  void camera.animate({ x: d.x, y: d.y, ratio: Math.min(camera.ratio, ratio) }, { duration: DURATION });
}

export function fitNodes(renderer: Renderer, nodes: Iterable<string>): void {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const n of nodes) {
    const d = renderer.getNodeDisplayData(n);
    if (!d) continue;
    minX = Math.min(minX, d.x);
    maxX = Math.max(maxX, d.x);
    minY = Math.min(minY, d.y);
    maxY = Math.max(maxY, d.y);
  }
  if (!Number.isFinite(minX)) return;
  void renderer.getCamera().animate(frameBox({ minX, minY, maxX, maxY }), { duration: DURATION });
}

export function resetCamera(renderer: Renderer): void {
  void renderer.getCamera().animatedReset({ duration: DURATION });
}

export function zoomBy(renderer: Renderer, factor: number): void {
  const camera = renderer.getCamera();
  void camera.animate({ ratio: camera.getBoundedRatio(camera.ratio * factor) }, { duration: 250 });
}
