/**
 * Node kinds
 * ==========
 *
 * Applications and each identifier kind, told apart twice: by colour (Okabe–Ito, the palette designed
 * to stay distinct under the common colour-vision deficiencies) and by shape, so the graph reads even
 * in greyscale or print. The legend, the renderer's programs and the side panel all read this table.
 */
import type { NodeKind } from "../../server/common/graph.js";

export type { NodeKind };

/** Shapes the node program can draw (see client/render/programs/node-shape.ts). */
export type ShapeName = "circle" | "square" | "diamond" | "triangle" | "hexagon" | "ring" | "pentagon" | "star";

export interface KindStyle {
  /** Singular, as in the legend and panel titles. */
  label: string;
  plural: string;
  color: string;
  shape: ShapeName;
  /** Base size before the degree term (see size-by-degree.ts). */
  baseSize: number;
}

/** Okabe & Ito (2008), "Color Universal Design". */
export const OKABE_ITO = {
  orange: "#E69F00",
  skyBlue: "#56B4E9",
  bluishGreen: "#009E73",
  yellow: "#F0E442",
  blue: "#0072B2",
  vermillion: "#D55E00",
  reddishPurple: "#CC79A7",
  black: "#000000",
} as const;

export const KIND_STYLES: Readonly<Record<NodeKind, KindStyle>> = {
  application: { label: "Application", plural: "Applications", color: OKABE_ITO.blue, shape: "circle", baseSize: 5 },
  email: { label: "Email", plural: "Emails", color: OKABE_ITO.orange, shape: "square", baseSize: 3.5 },
  phone: { label: "Phone", plural: "Phones", color: OKABE_ITO.bluishGreen, shape: "diamond", baseSize: 3.5 },
  ip: { label: "IP address", plural: "IP addresses", color: OKABE_ITO.skyBlue, shape: "triangle", baseSize: 3.5 },
  device: { label: "Device", plural: "Devices", color: OKABE_ITO.vermillion, shape: "hexagon", baseSize: 3.5 },
  profile: { label: "Profile", plural: "Profiles", color: OKABE_ITO.reddishPurple, shape: "ring", baseSize: 3.5 },
  address: { label: "Shipping address", plural: "Addresses", color: "#B8A600", shape: "pentagon", baseSize: 3.5 },
  payment: { label: "Payment account", plural: "Payment accounts", color: "#3B3B3B", shape: "star", baseSize: 3.5 },
};

/** Display order (legend, filters, panels). */
export const NODE_KINDS: readonly NodeKind[] = [
  "application",
  "device",
  "payment",
  "address",
  "ip",
  "phone",
  "email",
  "profile",
];

export const IDENTIFIER_KINDS: readonly Exclude<NodeKind, "application">[] = NODE_KINDS.filter(
  (k): k is Exclude<NodeKind, "application"> => k !== "application",
);

export function isNodeKind(value: string): value is NodeKind {
  return (NODE_KINDS as readonly string[]).includes(value);
}

/** The kind part of a ref (`device:d-1` → device); null for a ref of no known kind. */
export function kindOfRef(ref: string): NodeKind | null {
  const i = ref.indexOf(":");
  const kind = i > 0 ? ref.slice(0, i) : "";
  return isNodeKind(kind) ? kind : null;
}

/** The key part of a ref (`application:A-1` → A-1). */
export function keyOfRef(ref: string): string {
  const i = ref.indexOf(":");
  return i < 0 ? ref : ref.slice(i + 1);
}

/** Grey used for common infrastructure and for everything outside the current focus. */
export const MUTED_NODE_COLOR = "#C9CED6";
export const MUTED_EDGE_COLOR = "#E7EAEE";
export const EDGE_COLOR = "#AEB6C2";
export const PATH_COLOR = "#111827";
