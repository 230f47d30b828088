/**
 * Graph view
 * ==========
 *
 * The node and edge shapes the API hands the client to draw (cluster subgraphs, explanations, expand):
 * node ids are refs (`application:A-1`, `device:d-123`), so the client can merge answers into one graph.
 */
import { LABEL_KIND, type IdentifierKind } from "./identifiers.js";

export type NodeKind = "application" | IdentifierKind;

export interface GraphNode {
  id: string;
  kind: NodeKind;
  label: string;
  attributes: Record<string, unknown>;
}

export interface GraphEdge {
  source: string;
  target: string;
}

export const applicationRef = (id: string) => `application:${id}`;

export function applicationNode(app: Record<string, unknown> & { id: string }): GraphNode {
  const { id, full_name, ...rest } = app;
  return {
    id: applicationRef(id),
    kind: "application",
    label: typeof full_name === "string" && full_name ? full_name : id,
    attributes: { application_id: id, full_name: full_name ?? null, ...rest },
  };
}

export interface IdentifierInfo {
  ref: string;
  kind: IdentifierKind;
  key: string;
  props: Record<string, unknown>;
  used_by: number;
}

/** Reads an identifier row (its Neo4j label and properties); null for a label that is not an identifier kind. */
export function identifierInfo(label: string, props: Record<string, unknown>, usedBy: number): IdentifierInfo | null {
  const kind = LABEL_KIND[label];
  if (!kind) return null;
  const key = String(props.key);
  return { ref: `${kind}:${key}`, kind, key, props, used_by: usedBy };
}

export function identifierNode(i: IdentifierInfo, extra: Record<string, unknown> = {}): GraphNode {
  return {
    id: i.ref,
    kind: i.kind,
    label: i.key,
    attributes: { ...i.props, used_by: i.used_by, ...extra },
  };
}
