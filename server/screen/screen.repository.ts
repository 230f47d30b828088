/**
 * Screening repository
 * ====================
 *
 * The graph read of one screening (the applications an application would link to, with their clusters
 * in a run, and the watchlist entries naming its identifiers: one statement, one round trip) and the
 * decision kept for a recorded application (`:Screening`, one per application id).
 */
import type { Database, QueryProfile } from "../db/database.js";
import { defineQueries } from "../db/queries.js";
import type { WatchlistEntry } from "../common/api/watchlist.js";

defineQueries([
  "read/screen-lookup",
  "read/screening-by-application",
  "read/screening-blocked-applications",
  "write/screening-record",
] as const);

export interface LookupRef {
  label: string;
  key: string;
  ref: string;
  /** Applications are returned only when the identifier is used by at most this many. */
  cap: number;
}

export interface StoredClusterSummary {
  id: string;
  risk_score: number;
  risk_level: string;
  patterns: string[];
  identities: number | null;
  size: number | null;
  score_breakdown_json: string | null;
}

export interface LinkedApplication {
  id: string;
  name_key: string | null;
  t: number | null;
  cluster: StoredClusterSummary | null;
}

export interface LookupRow {
  ref: string;
  uses: number;
  apps: LinkedApplication[];
  /** Active watchlist entries naming this identifier (whether or not the graph holds it). */
  watch: WatchlistEntry[];
}

export interface StoredScreening {
  application_id: string;
  decision: string;
  risk_score: number;
  run_id: string | null;
  watchlist_hits: string[];
  screened_at: string;
  screened_by: string;
}

export class ScreenRepository {
  constructor(private readonly db: Database) {}

  async lookup(refs: LookupRef[], self: string, runId: string | null): Promise<LookupRow[]> {
    if (!refs.length) return [];
    return this.db.readOnce<LookupRow>("read/screen-lookup", { refs, self, run_id: runId ?? "" });
  }

  /** The lookup under PROFILE (bench:screen: where a screen's graph read spends its time). */
  async profileLookup(refs: LookupRef[], self: string, runId: string | null): Promise<QueryProfile> {
    return this.db.profile("read/screen-lookup", { refs, self, run_id: runId ?? "" });
  }

  async record(s: {
    application_id: string;
    decision: string;
    risk_score: number;
    run_id: string | null;
    reasons_json: string;
    watchlist_hits: string[];
    screened_by: string;
  }): Promise<void> {
    await this.db.write("write/screening-record", s);
  }

  async byApplication(id: string): Promise<StoredScreening | null> {
    const [r] = await this.db.read<{ screening: StoredScreening }>("read/screening-by-application", {
      application_id: id,
    });
    return r?.screening ?? null;
  }

  async blockedApplications(): Promise<Set<string>> {
    const rows = await this.db.read<{ application_id: string }>("read/screening-blocked-applications");
    return new Set(rows.map((r) => r.application_id));
  }
}
