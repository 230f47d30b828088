/**
 * Shape distance functions
 * ========================
 *
 * GLSL signed-distance functions (after Inigo Quilez's 2D SDF catalogue) for each node shape, in units
 * of the node's radius: negative inside, positive outside. Each shape is sized to cover roughly the same
 * area as the unit circle so kinds do not look more or less important by shape alone.
 * `SHAPE_INDEX` numbers the shapes for the single node program that draws them all.
 */
import type { ShapeName } from "../../graph/kinds.js";

export const SHAPE_SDF: Readonly<Record<ShapeName, string>> = {
  circle: /* glsl */ `return length(p) - 1.0;`,
  square: /* glsl */ `
    vec2 d = abs(p) - vec2(0.8);
    return length(max(d, 0.0)) + min(max(d.x, d.y), 0.0) - 0.08;`,
  diamond: /* glsl */ `return (abs(p.x) + abs(p.y) - 1.2) * 0.70710678;`,
  triangle: /* glsl */ `
    const float k = 1.7320508;
    float r = 1.0;
    p.y += 0.18;
    p.x = abs(p.x) - r;
    p.y = p.y + r / k;
    if (p.x + k * p.y > 0.0) p = vec2(p.x - k * p.y, -k * p.x - p.y) / 2.0;
    p.x -= clamp(p.x, -2.0 * r, 0.0);
    return -length(p) * sign(p.y);`,
  hexagon: /* glsl */ `
    const vec3 k = vec3(-0.866025404, 0.5, 0.577350269);
    float r = 0.9;
    p = abs(p);
    p -= 2.0 * min(dot(k.xy, p), 0.0) * k.xy;
    p -= vec2(clamp(p.x, -k.z * r, k.z * r), r);
    return length(p) * sign(p.y);`,
  ring: /* glsl */ `return abs(length(p) - 0.72) - 0.3;`,
  pentagon: /* glsl */ `
    const vec3 k = vec3(0.809016994, 0.587785252, 0.726542528);
    float r = 0.86;
    p.y = -p.y + 0.05;
    p.x = abs(p.x);
    p -= 2.0 * min(dot(vec2(-k.x, k.y), p), 0.0) * vec2(-k.x, k.y);
    p -= 2.0 * min(dot(vec2(k.x, k.y), p), 0.0) * vec2(k.x, k.y);
    p -= vec2(clamp(p.x, -r * k.z, r * k.z), r);
    return length(p) * sign(p.y);`,
  star: /* glsl */ `
    const vec2 k1 = vec2(0.809016994375, -0.587785252292);
    const vec2 k2 = vec2(-0.809016994375, -0.587785252292);
    float r = 1.18;
    float rf = 0.5;
    p.y = -p.y + 0.08;
    p.x = abs(p.x);
    p -= 2.0 * max(dot(k1, p), 0.0) * k1;
    p -= 2.0 * max(dot(k2, p), 0.0) * k2;
    p.x = abs(p.x);
    p.y -= r;
    vec2 ba = rf * vec2(-k1.y, k1.x) - vec2(0.0, 1.0);
    float h = clamp(dot(p, ba) / dot(ba, ba), 0.0, r);
    return length(p - ba * h) * sign(p.y * ba.x - p.x * ba.y);`,
};

export const SHAPES: readonly ShapeName[] = [
  "circle",
  "square",
  "diamond",
  "triangle",
  "hexagon",
  "ring",
  "pentagon",
  "star",
];

export const SHAPE_INDEX: Readonly<Record<ShapeName, number>> = Object.fromEntries(
  SHAPES.map((s, i) => [s, i]),
) as Record<ShapeName, number>;

/** One GLSL function per shape, and `shapeDistance(shape, p)` choosing among them by index. */
export function shapeDistanceGlsl(): string {
  const fns = SHAPES.map((s) => `float sdf_${s}(vec2 p) {\n${SHAPE_SDF[s]}\n}`).join("\n");
  const branches = SHAPES.map((s, i) => `  ${i ? "else " : ""}if (shape < ${i}.5) return sdf_${s}(p);`).join("\n");
  return `${fns}\nfloat shapeDistance(float shape, vec2 p) {\n${branches}\n  return sdf_circle(p);\n}`;
}
