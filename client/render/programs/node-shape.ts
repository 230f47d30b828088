/**
 * Node shape program
 * ==================
 *
 * One sigma v3 node program for every shape: one quad per node, the node's shape (from its kind, see
 * graph/kinds.ts) cut out in the fragment shader from its distance function, anti-aliased, with a darker
 * outline so light colours stay visible on white. One program rather than one per shape because each
 * program is compiled twice (drawing and picking) and again for hover, and shader compilation is most of
 * sigma's start-up cost on software WebGL. Picking uses the same shape, so a click on a star's empty
 * corner selects nothing.
 */
import { NodeProgram } from "sigma/rendering";
import type { NodeDisplayData, RenderParams } from "sigma/types";
import { floatColor } from "sigma/utils";

import { KIND_STYLES, isNodeKind } from "../../graph/kinds.js";
import { SHAPE_INDEX, shapeDistanceGlsl } from "./shape-sdf.js";

const { UNSIGNED_BYTE, FLOAT } = WebGLRenderingContext;
const UNIFORMS = ["u_sizeRatio", "u_correctionRatio", "u_matrix"] as const;
type Uniform = (typeof UNIFORMS)[number];

/** Quad half-size relative to the radius: room for the star's tips and the anti-aliasing fringe. */
const MARGIN = "1.30";

const VERTEX_SHADER = /* glsl */ `
attribute vec4 a_id;
attribute vec4 a_color;
attribute vec2 a_position;
attribute float a_size;
attribute float a_shape;
attribute vec2 a_corner;

uniform mat3 u_matrix;
uniform float u_sizeRatio;
uniform float u_correctionRatio;

varying vec4 v_color;
varying vec2 v_uv;
varying float v_aa;
varying float v_shape;

const float bias = 255.0 / 254.0;

void main() {
  float radius = a_size * u_correctionRatio / u_sizeRatio * 2.0;
  vec2 position = a_position + a_corner * radius * ${MARGIN};
  gl_Position = vec4((u_matrix * vec3(position, 1)).xy, 0, 1);
  v_uv = a_corner * ${MARGIN};
  v_aa = u_correctionRatio * 1.5 / radius;
  v_shape = a_shape;
  #ifdef PICKING_MODE
  v_color = a_id;
  #else
  v_color = a_color;
  #endif
  v_color.a *= bias;
}
`;

const FRAGMENT_SHADER = /* glsl */ `
precision highp float;

varying vec4 v_color;
varying vec2 v_uv;
varying float v_aa;
varying float v_shape;

${shapeDistanceGlsl()}

void main(void) {
  float d = shapeDistance(v_shape, v_uv);
  #ifdef PICKING_MODE
  if (d > 0.0) gl_FragColor = vec4(0.0);
  else gl_FragColor = v_color;
  #else
  float aa = max(v_aa, 0.02);
  float alpha = 1.0 - smoothstep(-aa, 0.0, d);
  float outline = smoothstep(-0.2 - aa, -0.2, d);
  vec3 rgb = mix(v_color.rgb, v_color.rgb * 0.55, outline);
  float a = v_color.a * alpha;
  gl_FragColor = vec4(rgb * a, a);
  #endif
}
`;

/** Two triangles covering the quad [-1, 1]². */
const CORNERS = [
  [-1, -1],
  [1, -1],
  [1, 1],
  [-1, -1],
  [1, 1],
  [-1, 1],
];

/** The shape index of a node, from its kind (circle for anything unknown). */
export function shapeOf(data: { kind?: unknown }): number {
  return typeof data.kind === "string" && isNodeKind(data.kind) ? SHAPE_INDEX[KIND_STYLES[data.kind].shape] : 0;
}

export class NodeShapeProgram extends NodeProgram<Uniform> {
  getDefinition() {
    return {
      VERTICES: 6,
      VERTEX_SHADER_SOURCE: VERTEX_SHADER,
      FRAGMENT_SHADER_SOURCE: FRAGMENT_SHADER,
      METHOD: WebGLRenderingContext.TRIANGLES,
      UNIFORMS,
      ATTRIBUTES: [
        { name: "a_position", size: 2, type: FLOAT },
        { name: "a_size", size: 1, type: FLOAT },
        { name: "a_shape", size: 1, type: FLOAT },
        { name: "a_color", size: 4, type: UNSIGNED_BYTE, normalized: true },
        { name: "a_id", size: 4, type: UNSIGNED_BYTE, normalized: true },
      ],
      CONSTANT_ATTRIBUTES: [{ name: "a_corner", size: 2, type: FLOAT }],
      CONSTANT_DATA: CORNERS,
    };
  }

  processVisibleItem(nodeIndex: number, startIndex: number, data: NodeDisplayData): void {
    const array = this.array;
    array[startIndex] = data.x;
    array[startIndex + 1] = data.y;
    array[startIndex + 2] = data.size;
    array[startIndex + 3] = shapeOf(data as NodeDisplayData & { kind?: unknown });
    array[startIndex + 4] = floatColor(data.color);
    array[startIndex + 5] = nodeIndex;
  }

  setUniforms(
    params: RenderParams,
    { gl, uniformLocations }: { gl: WebGLRenderingContext; uniformLocations: Record<Uniform, WebGLUniformLocation> },
  ): void {
    gl.uniform1f(uniformLocations.u_correctionRatio, params.correctionRatio);
    gl.uniform1f(uniformLocations.u_sizeRatio, params.sizeRatio);
    gl.uniformMatrix3fv(uniformLocations.u_matrix, false, params.matrix);
  }
}
