/**
 * Tiny cluster payloads for the client's unit tests, with what each should become written beside them.
 */
import type { GraphEdge, GraphNode } from "../../../server/common/graph.js";

export const app = (id: string, name: string, submitted: string): GraphNode => ({
  id: `application:${id}`,
  kind: "application",
  label: name,
  attributes: { application_id: id, full_name: name, submitted_at: submitted },
});

export const ident = (kind: GraphNode["kind"], key: string, extra: Record<string, unknown> = {}): GraphNode => ({
  id: `${kind}:${key}`,
  kind,
  label: key,
  attributes: { key, used_by: 2, ...extra },
});

export const edge = (source: string, target: string): GraphEdge => ({ source, target });

/**
 * share device d-1; share payment p-1; all three sit behind the carrier IP
 * 203.0.113.7 (common infrastructure); A-1 has its own email.
 *
 *   A-1 —— device:d-1 —— A-2 —— payment:p-1 —— A-3
 *     \________________ ip:203.0.113.7 ________/   (common, touches all three)
 */
export const CLUSTER = {
  nodes: [
    app("A-1", "Alice Archer", "2026-01-01T10:00:00Z"),
    app("A-2", "Bob Brown", "2026-01-02T10:00:00Z"),
    app("A-3", "Carol Chen", "2026-01-09T10:00:00Z"),
    ident("device", "d-1"),
    ident("payment", "p-1"),
    ident("ip", "203.0.113.7", { common_infrastructure: true, used_by: 400 }),
    ident("email", "alice@example.com", { used_by: 1 }),
  ],
  edges: [
    edge("application:A-1", "device:d-1"),
    edge("application:A-2", "device:d-1"),
    edge("application:A-2", "payment:p-1"),
    edge("application:A-3", "payment:p-1"),
    edge("application:A-1", "ip:203.0.113.7"),
    edge("application:A-2", "ip:203.0.113.7"),
    edge("application:A-3", "ip:203.0.113.7"),
    edge("application:A-1", "email:alice@example.com"),
  ],
};
