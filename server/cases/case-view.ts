/**
 * Case view
 * =========
 *
 * Turns a case's member rows (as the graph holds them now) into what the client and the evidence
 * package need: members with their identifier refs, identifiers with how many members use them, and
 * the subgraph in the same node/edge shape as cluster details.
 */
import type { RawIdentifier } from "../clusters/clusters.repository.js";
import { collectMembers, memberGraph } from "../clusters/member-graph.js";
import type { MemberRow } from "./cases.repository.js";
import type { CaseIdentifier, CaseContents } from "../common/api/cases.js";

export function caseContents(rows: MemberRow[], opts: { common: string[]; pinned: string[] }): CaseContents {
  const found = rows.filter((row) => row.found && row.application);
  const { members, identifiers } = collectMembers(
    found.map((row) => {
      const { raw_json: _r, name_key: _n, ...application } = row.application!;
      void _r;
      void _n;
      return { id: row.id, application, identifiers: row.identifiers as RawIdentifier[] };
    }),
    { common: new Set(opts.common), pinned: new Set(opts.pinned) },
  );
  const { nodes, edges } = memberGraph(members, identifiers);
  return {
    members,
    missing_members: rows.filter((row) => !row.found || !row.application).map((row) => row.id),
    identifiers: identifiers as CaseIdentifier[],
    graph: { nodes, edges },
  };
}
