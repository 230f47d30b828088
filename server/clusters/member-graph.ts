/**
 * Member graph
 * ============
 *
 * The one builder of a group's subgraph from its member rows, shared by cluster details and case views:
 * each member's identifier refs, each identifier with how many members use it (most shared first), and
 * the application and identifier nodes with their links in the client's node/edge shape.
 */
import type { RawIdentifier } from "./clusters.repository.js";
import {
  applicationNode,
  applicationRef,
  identifierInfo,
  identifierNode,
  type GraphEdge,
  type GraphNode,
} from "../common/graph.js";
import type { MemberIdentifier } from "../common/api/clusters.js";

export interface MemberInput<A> {
  id: string;
  /** The application's properties as they go to the client. */
  application: A;
  identifiers: RawIdentifier[];
  /** What the member typed for each of its identifier refs (cluster details), when known. */
  typed?: Map<string, string>;
}

export type Member<A> = A & { id: string; identifiers: string[] };

/** Members with their refs (sorted), and the identifiers they use, most shared first. */
export function collectMembers<A extends Record<string, unknown>>(
  rows: MemberInput<A>[],
  flags: { common: ReadonlySet<string>; pinned?: ReadonlySet<string> },
): { members: Member<A>[]; identifiers: MemberIdentifier[] } {
  const identifiers = new Map<string, MemberIdentifier>();
  const members = rows.map((row) => {
    const refs: string[] = [];
    for (const raw of row.identifiers) {
      const info = identifierInfo(raw.label, raw.props, raw.used_by);
      if (!info) continue;
      refs.push(info.ref);
      const typed = row.typed?.get(info.ref);
      const known = identifiers.get(info.ref);
      if (known) {
        known.members++;
        if (typed !== undefined) known.display ??= typed;
      } else
        identifiers.set(info.ref, {
          ...info,
          members: 1,
          common_infrastructure: flags.common.has(info.ref),
          ...(flags.pinned ? { pinned: flags.pinned.has(info.ref) } : {}),
          ...(typed !== undefined ? { display: typed } : {}),
        });
    }
    return { ...row.application, id: row.id, identifiers: refs.sort() };
  });
  const sorted = [...identifiers.values()].sort(
    (a, b) => b.members - a.members || a.kind.localeCompare(b.kind) || a.key.localeCompare(b.key),
  );
  return { members, identifiers: sorted };
}

/**
 * The subgraph to draw. Beyond `maxNodes` it keeps only what holds the group together (identifiers
 * two members share) and the flagged infrastructure, and says so (`truncated`).
 */
export function memberGraph(
  members: { id: string; identifiers: string[] }[],
  identifiers: MemberIdentifier[],
  maxNodes = Infinity,
): { nodes: GraphNode[]; edges: GraphEdge[]; truncated: boolean } {
  const truncated = members.length + identifiers.length > maxNodes;
  const kept = truncated ? identifiers.filter((i) => i.members >= 2 || i.common_infrastructure) : identifiers;
  const keep = new Set(kept.map((i) => i.ref));
  const nodes: GraphNode[] = [
    ...members.map(({ identifiers: _ids, ...app }) => {
      void _ids;
      return applicationNode(app);
    }),
    ...kept.map((i) =>
      identifierNode(i, {
        members: i.members,
        common_infrastructure: i.common_infrastructure,
        ...(i.pinned !== undefined ? { pinned: i.pinned } : {}),
        ...(i.display !== undefined ? { display: i.display } : {}),
      }),
    ),
  ];
  const edges: GraphEdge[] = [];
  for (const m of members)
    for (const ref of m.identifiers) if (keep.has(ref)) edges.push({ source: applicationRef(m.id), target: ref });
  return { nodes, edges, truncated };
}
