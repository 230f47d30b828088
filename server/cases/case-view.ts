/**
 * Case view
 * =========
 *
 * Turns a case's member rows (as the graph holds them now) into what the client and the evidence
 * package need: members with their identifier refs, identifiers with how many members use them, and
 * the subgraph in the same node/edge shape as cluster details.
 */
import type { RawIdentifier } from "../clusters/clusters.repository.js";
import {
  applicationNode,
  applicationRef,
  identifierInfo,
  identifierNode,
  type GraphEdge,
  type GraphNode,
  type IdentifierInfo,
} from "../clusters/graph-view.js";
import type { MemberRow } from "./cases.repository.js";

export interface CaseMember extends Record<string, unknown> {
  id: string;
  identifiers: string[];
}

export interface CaseIdentifier extends IdentifierInfo {
  /** Members of the case using it. */
  members: number;
  common_infrastructure: boolean;
  pinned: boolean;
}

export interface CaseGraph {
  nodes: GraphNode[];
  edges: GraphEdge[];
}

export interface CaseContents {
  members: CaseMember[];
  missing_members: string[];
  identifiers: CaseIdentifier[];
  graph: CaseGraph;
}

export function caseContents(rows: MemberRow[], opts: { common: string[]; pinned: string[] }): CaseContents {
  const common = new Set(opts.common);
  const pinned = new Set(opts.pinned);
  const identifiers = new Map<string, CaseIdentifier>();
  const members: CaseMember[] = [];
  const missing: string[] = [];
  for (const row of rows) {
    if (!row.found || !row.application) {
      missing.push(row.id);
      continue;
    }
    const refs: string[] = [];
    for (const raw of row.identifiers as RawIdentifier[]) {
      const info = identifierInfo(raw.label, raw.props, raw.used_by);
      if (!info) continue;
      refs.push(info.ref);
      const known = identifiers.get(info.ref);
      if (known) known.members++;
      else
        identifiers.set(info.ref, {
          ...info,
          members: 1,
          common_infrastructure: common.has(info.ref),
          pinned: pinned.has(info.ref),
        });
    }
    const { raw_json: _r, name_key: _n, ...app } = row.application;
    void _r;
    void _n;
    members.push({ ...app, id: row.id, identifiers: refs.sort() });
  }
  const sorted = [...identifiers.values()].sort(
    (a, b) => b.members - a.members || a.kind.localeCompare(b.kind) || a.key.localeCompare(b.key),
  );
  const nodes: GraphNode[] = [
    ...members.map(({ identifiers: _ids, ...app }) => {
      void _ids;
      return applicationNode(app);
    }),
    ...sorted.map((i) =>
      identifierNode(i, { members: i.members, common_infrastructure: i.common_infrastructure, pinned: i.pinned }),
    ),
  ];
  const edges: GraphEdge[] = [];
  for (const m of members) for (const ref of m.identifiers) edges.push({ source: applicationRef(m.id), target: ref });
  return { members, missing_members: missing, identifiers: sorted, graph: { nodes, edges } };
}
