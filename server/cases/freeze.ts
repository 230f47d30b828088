/**
 * Frozen case contents
 * ====================
 *
 * What a case keeps from the moment it is opened, so later runs cannot change it: from a detected
 * cluster its members, score, patterns and reasons; from applications picked by hand their members and
 * one reason per identifier two or more of them share.
 */
import { aKind } from "../common/identifiers.js";
import type { ClusterDetail } from "../common/api/clusters.js";
import type { CaseRecord } from "../common/api/cases.js";
import type { ClusterReason } from "../common/detection.js";
import type { MemberRow } from "./cases.repository.js";
import { caseContents } from "./case-view.js";

export type FrozenCase = Pick<
  CaseRecord,
  | "source"
  | "run_id"
  | "cluster_id"
  | "cluster_generated_at"
  | "risk_score"
  | "risk_level"
  | "patterns"
  | "reasons"
  | "shared_identifiers"
  | "common_infrastructure"
  | "member_ids"
>;

/** Most reasons a selection case lists (one per shared identifier, busiest first). */
const MAX_SELECTION_REASONS = 50;

export function freezeCluster(detail: ClusterDetail): FrozenCase {
  const c = detail.cluster;
  return {
    source: "cluster",
    run_id: detail.run_id,
    cluster_id: c.id,
    cluster_generated_at: detail.generated_at,
    risk_score: c.risk_score,
    risk_level: c.risk_level,
    patterns: [...c.patterns],
    reasons: c.reasons,
    shared_identifiers: c.shared_identifiers ?? [],
    common_infrastructure: c.common_infrastructure ?? [],
    member_ids: [...c.application_ids],
  };
}

/** `rows` are the members as read, every one found; `ids` the selection in the order given. */
export function freezeSelection(rows: MemberRow[], ids: string[]): FrozenCase {
  const contents = caseContents(rows, { common: [], pinned: [] });
  const shared = contents.identifiers.filter((i) => i.members >= 2);
  const reasons: ClusterReason[] = shared.slice(0, MAX_SELECTION_REASONS).map((i) => ({
    code: `shared_${i.kind}`,
    text: `${i.members} of the selected applications share ${aKind(i.kind)} (${i.key}).`,
    identifiers: [i.ref],
  }));
  return {
    source: "selection",
    run_id: null,
    cluster_id: null,
    cluster_generated_at: null,
    risk_score: null,
    risk_level: null,
    patterns: [],
    reasons,
    shared_identifiers: shared.map((i) => i.ref),
    common_infrastructure: [],
    member_ids: ids,
  };
}
