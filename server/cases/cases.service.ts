/**
 * Case service
 * ============
 *
 * Opens cases from a detected cluster (freezing its members, score, patterns and reasons) or from
 * applications picked by hand, lists and shows them, and applies changes (title, status, assignee,
 * notes, pins) with a history event for each and a record in the audit trail.
 */
import type { Actor } from "../audit/actor.js";
import type { AuditService } from "../audit/audit.service.js";
import type { UserRepository } from "../users/users.repository.js";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "../common/errors.js";
import type { ClustersService } from "../clusters/clusters.service.js";
import type { CaseRepository } from "./cases.repository.js";
import { caseContents } from "./case-view.js";
import { freezeCluster, freezeSelection, type FrozenCase } from "./freeze.js";
import type {
  CaseContents,
  CaseEvent,
  CaseRecord,
  CaseSummary,
  CasePatch,
  CaseLiveCluster,
  CaseView,
} from "../common/api/cases.js";
import { renderNotes } from "./markdown.js";
import { statusChangeProblem } from "./status.js";

export interface OpenCaseInput {
  title?: string;
  cluster_id?: string;
  run_id?: string;
  application_ids?: string[];
  identifiers?: string[];
  assignee?: string;
  notes?: string;
  /** Open it even though a case not closed was already opened on the same cluster (else 409). */
  confirm_duplicate?: boolean;
}

export const MAX_SELECTION = 2000;

export class CaseService {
  constructor(
    private readonly repo: CaseRepository,
    private readonly clusters: ClustersService,
    private readonly users: UserRepository,
    private readonly audit: AuditService,
  ) {}

  private async checkAssignee(username: string): Promise<void> {
    const u = await this.users.byUsername(username);
    if (!u || u.disabled || (u.role !== "investigator" && u.role !== "lead"))
      throw new ValidationError(`assignee "${username}" is not an enabled investigator or lead`);
  }

  async open(input: OpenCaseInput, actor: Actor): Promise<CaseView> {
    const p = actor.principal!;
    const now = new Date().toISOString();
    let frozen: FrozenCase;
    let duplicateOf: string[] = [];
    if (input.cluster_id) {
      // Three open cases on one cluster in a morning: say which one exists before opening another.
      const existing = await this.repo.openOnCluster(input.cluster_id);
      if (existing.length && !input.confirm_duplicate)
        throw new ConflictError(
          `cluster ${input.cluster_id} already has ${existing.length === 1 ? "a case" : "cases"} not closed: ${existing.map((e) => e.id).join(", ")}`,
          { case_ids: existing.map((e) => e.id), cases: existing },
        );
      duplicateOf = existing.map((e) => e.id);
      frozen = freezeCluster(await this.clusters.get(input.cluster_id, input.run_id));
    } else {
      const ids = [...new Set(input.application_ids ?? [])];
      if (!ids.length) throw new ValidationError("open a case from a cluster_id or from application_ids");
      if (ids.length > MAX_SELECTION) throw new ValidationError(`at most ${MAX_SELECTION} applications per case`);
      const rows = await this.repo.members(ids);
      const missing = rows.filter((r) => !r.found).map((r) => r.id);
      if (missing.length) throw new ValidationError(`no such application(s): ${missing.slice(0, 20).join(", ")}`);
      frozen = freezeSelection(rows, ids);
    }
    const pinnedIdentifiers = [...new Set(input.identifiers ?? [])];
    if (pinnedIdentifiers.length) await this.checkPins(frozen.member_ids, [], pinnedIdentifiers);
    const assignee = input.assignee ?? (p.role === "investigator" || p.role === "lead" ? p.username : null);
    if (assignee) await this.checkAssignee(assignee);
    const title =
      input.title?.trim() ||
      (frozen.cluster_id
        ? `Cluster ${frozen.cluster_id} (${frozen.risk_level ?? "?"} risk, ${frozen.member_ids.length} applications)`
        : `${frozen.member_ids.length} selected applications`);
    const id = await this.repo.create((id) => ({
      record: {
        id,
        title,
        status: "open",
        assignee,
        created_at: now,
        created_by: p.username,
        updated_at: now,
        version: 1,
        notes_md: input.notes ?? "",
        pinned_applications: [],
        pinned_identifiers: pinnedIdentifiers,
        ...frozen,
      },
      event: {
        seq: 1,
        at: now,
        actor: p.username,
        actor_role: p.role,
        action: "opened",
        changes: {
          source: frozen.source,
          cluster_id: frozen.cluster_id,
          run_id: frozen.run_id,
          members: frozen.member_ids.length,
          title,
          assignee,
          ...(duplicateOf.length ? { duplicate_of: duplicateOf } : {}),
        },
      },
    }));
    await this.audit.record(actor, {
      action: "case_open",
      target: { type: "case", id },
      details: {
        source: frozen.source,
        cluster_id: frozen.cluster_id,
        run_id: frozen.run_id,
        members: frozen.member_ids.length,
        ...(duplicateOf.length ? { duplicate_of: duplicateOf } : {}),
      },
    });
    return this.get(id);
  }

  list(f: { status?: string; assignee?: string; q?: string; limit: number; offset: number }): Promise<{
    total: number;
    cases: CaseSummary[];
  }> {
    return this.repo.list({
      status: f.status ?? "",
      assignee: f.assignee ?? "",
      q: (f.q ?? "").toLowerCase(),
      limit: f.limit,
      offset: f.offset,
    });
  }

  async record(id: string): Promise<CaseRecord> {
    const c = await this.repo.byId(id);
    if (!c) throw new NotFoundError(`case "${id}" not found`);
    return c;
  }

  async contents(c: CaseRecord): Promise<CaseContents> {
    return caseContents(await this.repo.members(c.member_ids), {
      common: c.common_infrastructure,
      pinned: c.pinned_identifiers,
    });
  }

  /** Each member's record as ingested (application id → raw JSON), for the evidence package. */
  async sourceRecords(c: CaseRecord): Promise<Map<string, string | null>> {
    return new Map((await this.repo.sourceRecords(c.member_ids)).map((r) => [r.id, r.raw_json]));
  }

  async get(id: string): Promise<CaseView> {
    const c = await this.record(id);
    const view: CaseView = { ...c, ...(await this.contents(c)), notes_html: renderNotes(c.notes_md) };
    if (c.cluster_id) view.live_cluster = await this.liveCluster(c.cluster_id, c.member_ids);
    return view;
  }

  private async liveCluster(clusterId: string, frozen: string[]): Promise<CaseLiveCluster> {
    const live = await this.clusters.membership(clusterId);
    if (!live)
      return { cluster_id: clusterId, present: false, run_id: null, generated_at: null, added: [], removed: [] };
    const was = new Set(frozen);
    const now = new Set(live.application_ids);
    return {
      cluster_id: clusterId,
      present: true,
      run_id: live.run_id,
      generated_at: live.generated_at,
      added: live.application_ids.filter((a) => !was.has(a)),
      removed: frozen.filter((a) => !now.has(a)),
    };
  }

  private async checkPins(memberIds: string[], apps: string[], identifiers: string[]): Promise<void> {
    const members = new Set(memberIds);
    const strangers = apps.filter((a) => !members.has(a));
    if (strangers.length) throw new ValidationError(`not members of this case: ${strangers.slice(0, 20).join(", ")}`);
    if (!identifiers.length) return;
    const contents = caseContents(await this.repo.members(memberIds), { common: [], pinned: [] });
    const known = new Set(contents.identifiers.map((i) => i.ref));
    const unknown = identifiers.filter((r) => !known.has(r));
    if (unknown.length)
      throw new ValidationError(`identifiers no member of this case uses: ${unknown.slice(0, 20).join(", ")}`);
  }

  async update(id: string, patch: CasePatch, actor: Actor): Promise<CaseView> {
    const p = actor.principal!;
    const current = await this.record(id);
    if (patch.assignee) await this.checkAssignee(patch.assignee);
    await this.checkPins(current.member_ids, patch.pin_applications ?? [], patch.pin_identifiers ?? []);
    const { record, result } = await this.repo.update(id, (c) => {
      if (patch.version !== undefined && patch.version !== c.version)
        throw new ConflictError(`case ${id} changed since version ${patch.version} (now ${c.version}): reload it`);
      const changes: Record<string, unknown> = {};
      const diff: Record<string, unknown> = {};
      const set = <K extends keyof CaseRecord>(key: K, value: CaseRecord[K]) => {
        if (JSON.stringify(c[key]) === JSON.stringify(value)) return;
        changes[key] = value;
        diff[key] = { from: c[key], to: value };
      };
      if (patch.status !== undefined) {
        const problem = statusChangeProblem(p.role, c.status, patch.status);
        if (problem) throw new ForbiddenError(problem);
      }
      const reopening = patch.status === "open" && c.status === "closed";
      const otherFields = Object.keys(patch).some((k) => k !== "status" && k !== "version");
      if (c.status === "closed" && !reopening && otherFields)
        throw new ConflictError(`case ${id} is closed: reopen it first`);
      if (patch.title !== undefined) set("title", patch.title.trim());
      if (patch.status !== undefined) set("status", patch.status);
      if (patch.assignee !== undefined) set("assignee", patch.assignee);
      if (patch.notes !== undefined) set("notes_md", patch.notes);
      const pins = (now: string[], add: string[] = [], remove: string[] = []) =>
        [...new Set([...now, ...add])].filter((x) => !remove.includes(x)).sort();
      if (patch.pin_applications || patch.unpin_applications)
        set("pinned_applications", pins(c.pinned_applications, patch.pin_applications, patch.unpin_applications));
      if (patch.pin_identifiers || patch.unpin_identifiers)
        set("pinned_identifiers", pins(c.pinned_identifiers, patch.pin_identifiers, patch.unpin_identifiers));
      if (!Object.keys(changes).length) return null;
      const action = "status" in diff ? `status_${patch.status}` : "updated";
      const event: Omit<CaseEvent, "seq"> = {
        at: new Date().toISOString(),
        actor: p.username,
        actor_role: p.role,
        action,
        changes: diff,
      };
      return { changes, event, result: diff };
    });
    if (result) {
      const summary: Record<string, unknown> = { fields: Object.keys(result).sort(), version: record.version };
      for (const k of ["status", "assignee", "title"]) if (k in result) summary[k] = result[k];
      await this.audit.record(actor, { action: "case_update", target: { type: "case", id }, details: summary });
    }
    return this.get(id);
  }

  /** Adds the export to the case's history (the audit trail gets its own record from the evidence service). */
  async recordExport(id: string, actor: Actor, details: Record<string, unknown>): Promise<void> {
    const p = actor.principal!;
    await this.repo.update(id, () => ({
      changes: {},
      event: {
        at: new Date().toISOString(),
        actor: p.username,
        actor_role: p.role,
        action: "exported",
        changes: details,
      },
      result: true,
    }));
  }
}
