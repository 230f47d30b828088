/**
 * Case repository
 * ===============
 *
 * Cases and their history in Neo4j. Updates run as one transaction that locks the case, reads it,
 * lets the service compute the change, and writes the fields and the history event together.
 */
import { withDetails } from "../db/application-details.js";
import type { RawIdentifier } from "../clusters/clusters.repository.js";
import type { Database } from "../db/database.js";
import { defineQueries } from "../db/queries.js";
import { NotFoundError } from "../common/errors.js";
import type { CaseEvent, CaseRecord, CaseStatus, CaseSummary } from "../common/api/cases.js";

defineQueries([
  "write/case-next-number",
  "write/case-create",
  "write/case-lock",
  "write/case-update",
  "read/case-by-id",
  "read/case-list",
  "read/case-members",
  "read/cases-open-on-cluster",
  "read/case-member-ids",
  "read/case-source-records",
] as const);

type Props = Record<string, unknown>;
const list = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : []);

function toEvent(p: Props): CaseEvent {
  return {
    seq: Number(p.seq),
    at: String(p.at),
    actor: String(p.actor),
    actor_role: String(p.actor_role ?? ""),
    action: String(p.action),
    changes: typeof p.changes_json === "string" ? JSON.parse(p.changes_json) : {},
  };
}

function toRecord(p: Props, events: Props[]): CaseRecord {
  const members = list(p.member_ids);
  return {
    id: String(p.id),
    title: String(p.title),
    status: p.status as CaseStatus,
    assignee: (p.assignee as string | undefined) ?? null,
    created_at: String(p.created_at),
    created_by: String(p.created_by),
    updated_at: String(p.updated_at),
    source: p.source === "cluster" ? "cluster" : "selection",
    run_id: (p.run_id as string | undefined) ?? null,
    cluster_id: (p.cluster_id as string | undefined) ?? null,
    cluster_generated_at: (p.cluster_generated_at as string | undefined) ?? null,
    risk_score: typeof p.risk_score === "number" ? p.risk_score : null,
    risk_level: (p.risk_level as string | undefined) ?? null,
    patterns: list(p.patterns),
    reasons: typeof p.reasons_json === "string" ? JSON.parse(p.reasons_json) : [],
    shared_identifiers: list(p.shared_identifiers),
    common_infrastructure: list(p.common_infrastructure),
    member_ids: members,
    member_count: members.length,
    notes_md: String(p.notes_md ?? ""),
    pinned_applications: list(p.pinned_applications),
    pinned_identifiers: list(p.pinned_identifiers),
    version: Number(p.version ?? 1),
    history: events.map(toEvent),
  };
}

/** Case fields as stored (flat; reasons as JSON text). */
export function toCaseProps(c: Omit<CaseRecord, "history" | "member_count">): Props {
  const { reasons, ...rest } = c;
  const props: Props = { ...rest, reasons_json: JSON.stringify(reasons), event_count: 1 };
  for (const k of Object.keys(props)) if (props[k] === null || props[k] === undefined) delete props[k];
  return props;
}

export function toEventProps(e: CaseEvent): Props {
  const { changes, ...rest } = e;
  return { ...rest, changes_json: JSON.stringify(changes) };
}

export interface MemberRow {
  id: string;
  found: boolean;
  application: (Props & { id: string }) | null;
  identifiers: RawIdentifier[];
}

export class CaseRepository {
  constructor(private readonly db: Database) {}

  /** Creates a case numbered by the shared sequence; `build` receives the new id. */
  async create(
    build: (id: string) => { record: Omit<CaseRecord, "history" | "member_count">; event: CaseEvent },
  ): Promise<string> {
    return this.db.writeTx(async (tx) => {
      const [r] = await tx.run<{ n: number }>("write/case-next-number");
      const id = `CASE-${String(r!.n).padStart(4, "0")}`;
      const { record, event } = build(id);
      await tx.run("write/case-create", { case: toCaseProps(record), event: toEventProps(event) });
      return id;
    });
  }

  async byId(id: string): Promise<CaseRecord | null> {
    const [r] = await this.db.read<{ case: Props; events: Props[] }>("read/case-by-id", { id });
    return r ? toRecord(r.case, r.events) : null;
  }

  async list(f: { status: string; assignee: string; q: string; limit: number; offset: number }): Promise<{
    total: number;
    cases: CaseSummary[];
  }> {
    const [r] = await this.db.read<{ total: number; cases: Props[] }>("read/case-list", f);
    return {
      total: r?.total ?? 0,
      cases: (r?.cases ?? []).map((c) => ({
        id: String(c.id),
        title: String(c.title),
        status: c.status as CaseStatus,
        assignee: (c.assignee as string | undefined) ?? null,
        created_at: String(c.created_at),
        created_by: String(c.created_by),
        updated_at: String(c.updated_at),
        source: c.source === "cluster" ? "cluster" : "selection",
        run_id: (c.run_id as string | undefined) ?? null,
        cluster_id: (c.cluster_id as string | undefined) ?? null,
        risk_score: typeof c.risk_score === "number" ? c.risk_score : null,
        risk_level: (c.risk_level as string | undefined) ?? null,
        patterns: list(c.patterns),
        version: Number(c.version ?? 1),
        member_count: Number(c.member_count ?? 0),
      })),
    };
  }

  /**
   * Locks the case, hands the current record to `change`, and writes the returned fields and event in the
   * same transaction. `change` returns null for "nothing to do" (no write, no event).
   */
  async update<T>(
    id: string,
    change: (current: CaseRecord) => { changes: Props; event: Omit<CaseEvent, "seq">; result: T } | null,
  ): Promise<{ record: CaseRecord; result: T | null }> {
    return this.db.writeTx(async (tx) => {
      const locked = await tx.run("write/case-lock", { id, at: new Date().toISOString() });
      if (!locked.length) throw new NotFoundError(`case "${id}" not found`);
      const [r] = await tx.run<{ case: Props; events: Props[] }>("read/case-by-id", { id });
      const current = toRecord(r!.case, r!.events);
      const out = change(current);
      if (!out) return { record: current, result: null };
      const event: CaseEvent = { ...out.event, seq: current.history.length + 1 };
      await tx.run("write/case-update", { id, changes: out.changes, event: toEventProps(event) });
      const [after] = await tx.run<{ case: Props; events: Props[] }>("read/case-by-id", { id });
      return { record: toRecord(after!.case, after!.events), result: out.result };
    });
  }

  /** Cases not closed that were opened from this cluster id. */
  async openOnCluster(clusterId: string): Promise<{ id: string; title: string; status: CaseStatus }[]> {
    return this.db.read("read/cases-open-on-cluster", { cluster_id: clusterId });
  }

  /** Cases with members among `ids`, and which of them (ingest audit: data of a case member rewritten). */
  async casesWithMembers(ids: Iterable<string>): Promise<{ case_id: string; application_ids: string[] }[]> {
    const wanted = new Set(ids);
    if (!wanted.size) return [];
    const rows = await this.db.read<{ id: string; member_ids: unknown }>("read/case-member-ids");
    return rows
      .map((r) => ({ case_id: r.id, application_ids: list(r.member_ids).filter((m) => wanted.has(m)) }))
      .filter((r) => r.application_ids.length > 0);
  }

  /** The members as they are in the graph now (found=false for ids no longer there), in the given order. */
  async members(ids: string[]): Promise<MemberRow[]> {
    if (!ids.length) return [];
    const rows = await this.db.read<MemberRow>("read/case-members", { ids });
    return rows.map((r) =>
      r.application ? { ...r, application: withDetails(r.application, undefined, { missing: "omit" }) } : r,
    );
  }

  /** Each member's record as ingested (raw JSON), for evidence packages; ids no longer there are left out. */
  async sourceRecords(ids: string[]): Promise<{ id: string; raw_json: string | null }[]> {
    if (!ids.length) return [];
    return this.db.read<{ id: string; raw_json: string | null }>("read/case-source-records", { ids });
  }
}
