/**
 * Triage repository
 * =================
 *
 * Verdicts and their history in Neo4j: read one cluster's verdict with its open cases, history and the
 * latest run's members; record a verdict or withdraw it, each with its history event in the same statement.
 */
import type { Database } from "../db/database.js";
import { defineQueries } from "../db/queries.js";
import type { TriageEvent, TriageRecord } from "../common/triage.js";

defineQueries(["read/triage-by-cluster", "write/triage-set", "write/triage-clear"] as const);

type Props = Record<string, unknown>;

export interface TriageRow {
  triage: TriageRecord | null;
  latest_run_id: string | null;
  /** The cluster's members in the latest finished run; null when that run does not hold it. */
  live_application_ids: string[] | null;
  case_ids: string[];
  history: TriageEvent[];
}

const list = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : []);
const text = (v: unknown): string | null => (typeof v === "string" ? v : null);

function toRecord(p: Props): TriageRecord {
  return {
    cluster_id: String(p.cluster_id),
    state: p.state as TriageRecord["state"],
    reason: text(p.reason) as TriageRecord["reason"],
    note: text(p.note),
    application_ids: list(p.application_ids),
    reason_codes: list(p.reason_codes),
    patterns: list(p.patterns),
    risk_score: Number(p.risk_score ?? 0),
    size: Number(p.size ?? 0),
    run_id: String(p.run_id ?? ""),
    updated_at: String(p.updated_at),
    updated_by: String(p.updated_by),
  };
}

function toEvent(p: Props): TriageEvent {
  return {
    cluster_id: String(p.cluster_id),
    state: p.state as TriageEvent["state"],
    reason: text(p.reason) as TriageEvent["reason"],
    note: text(p.note),
    at: String(p.at),
    by: String(p.by),
    run_id: text(p.run_id),
  };
}

/** Neo4j stores no nulls: absent fields are simply left out. */
function props(o: object): Props {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null && v !== undefined));
}

export class TriageRepository {
  constructor(private readonly db: Database) {}

  async get(clusterId: string): Promise<TriageRow> {
    const [r] = await this.db.read<{
      triage: Props | null;
      latest_run_id: string | null;
      live_application_ids: unknown;
      case_ids: string[];
      history: Props[];
    }>("read/triage-by-cluster", { cluster_id: clusterId });
    return {
      triage: r?.triage ? toRecord(r.triage) : null,
      latest_run_id: r?.latest_run_id ?? null,
      live_application_ids: Array.isArray(r?.live_application_ids) ? list(r.live_application_ids) : null,
      case_ids: list(r?.case_ids),
      history: (r?.history ?? []).map(toEvent),
    };
  }

  async set(record: TriageRecord, event: TriageEvent): Promise<void> {
    await this.db.write("write/triage-set", {
      cluster_id: record.cluster_id,
      triage: props(record),
      event: props(event),
    });
  }

  /** Removes the verdict (back to `new`); the history keeps the event. */
  async clear(event: TriageEvent): Promise<void> {
    await this.db.write("write/triage-clear", { cluster_id: event.cluster_id, event: props(event) });
  }
}
