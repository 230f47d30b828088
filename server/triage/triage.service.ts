/**
 * Triage service
 * ==============
 *
 * Reads and records verdicts on clusters. A verdict freezes the cluster as it was judged (members,
 * reason codes, patterns, score, size, run), so a later run's changes show against it: a dismissed
 * cluster that gains applications comes back as "grown since dismissed".
 */
import type { ClustersRepository } from "../clusters/clusters.repository.js";
import { NotFoundError, ValidationError } from "../common/errors.js";
import { fromClusterProps } from "../runs/cluster-record.js";
import type { TriageRepository, TriageRow } from "./triage.repository.js";
import type { TriageEvent, TriageInput, TriageRecord, TriageState, TriageView } from "../common/triage.js";

export const NOTE_MAX = 10_000;

/** The state the queue shows (the same rule as cypher/read/cluster-list.cypher). */
export function triageState(row: Pick<TriageRow, "triage" | "case_ids">, added: string[]): TriageState {
  if (!row.triage) return row.case_ids.length ? "case_open" : "new";
  if (row.triage.state === "dismissed" && added.length) return "grown_since_dismissed";
  return row.triage.state;
}

export class TriageService {
  constructor(
    private readonly repo: TriageRepository,
    private readonly clusters: ClustersRepository,
  ) {}

  async get(clusterId: string): Promise<TriageView> {
    const row = await this.repo.get(clusterId);
    const t = row.triage;
    if (!t && !row.history.length && !row.live_application_ids && !row.case_ids.length) {
      // Nothing known about this id at all: say so rather than invent a "new" cluster.
      const seen = await this.clusters.lastSeen(clusterId);
      if (!seen) throw new NotFoundError(`cluster "${clusterId}" is in no retained detection run`);
    }
    const judged = new Set(t?.application_ids ?? []);
    const added = t && row.live_application_ids ? row.live_application_ids.filter((a) => !judged.has(a)) : [];
    const state = triageState(row, added);
    return {
      cluster_id: clusterId,
      state: t?.state ?? "new",
      reason: t?.reason ?? null,
      note: t?.note ?? null,
      updated_at: t?.updated_at ?? null,
      updated_by: t?.updated_by ?? null,
      case_ids: row.case_ids,
      grown_since_dismissed: state === "grown_since_dismissed",
      triage_state: state,
      added_since_verdict: added,
      run_id: t?.run_id ?? null,
      history: row.history,
    };
  }

  async set(clusterId: string, input: TriageInput, username: string): Promise<TriageView> {
    if (input.state === "dismissed" && !input.reason)
      throw new ValidationError("a dismissal needs a reason (household, recruiter_or_agency, …)");
    if (input.state !== "dismissed" && input.reason)
      throw new ValidationError(`a reason goes with "dismissed" only, not "${input.state}"`);
    const note = input.note?.trim() || null;
    if (input.reason === "other" && !note) throw new ValidationError('reason "other" needs a note saying what it is');
    const at = new Date().toISOString();
    const found = await this.clusters.byId(clusterId, input.run_id ?? null);
    if (!found && input.state !== "new") {
      const seen = await this.clusters.lastSeen(clusterId);
      const where = input.run_id ? `run ${input.run_id}` : "the latest finished run";
      throw new NotFoundError(
        `cluster "${clusterId}" is not in ${where}${seen ? ` (last seen in run ${seen.run_id})` : ""}: a verdict judges a cluster as detected`,
      );
    }
    const event: TriageEvent = {
      cluster_id: clusterId,
      state: input.state,
      reason: input.reason ?? null,
      note,
      at,
      by: username,
      run_id: found?.run_id ?? input.run_id ?? null,
    };
    if (input.state === "new") {
      await this.repo.clear(event);
      return this.get(clusterId);
    }
    const c = fromClusterProps(found!.cluster);
    const record: TriageRecord = {
      cluster_id: clusterId,
      state: input.state,
      reason: input.reason ?? null,
      note,
      application_ids: [...c.application_ids],
      reason_codes: c.reasons.map((r) => r.code),
      patterns: [...c.patterns],
      risk_score: c.risk_score,
      size: c.size ?? c.application_ids.length,
      run_id: found!.run_id,
      updated_at: at,
      updated_by: username,
    };
    await this.repo.set(record, event);
    return this.get(clusterId);
  }
}
