/**
 * Latest run and its common infrastructure
 * ========================================
 *
 * What screening and the watchlist read of detection: the latest finished run's id (one small query per
 * call) and its common-infrastructure refs, parsed once per run id and kept (a run's list never changes).
 */
import type { Database } from "../db/database.js";
import { defineQueries } from "../db/queries.js";

defineQueries(["read/screen-latest-run", "read/run-common-infrastructure"] as const);

export class LatestRun {
  private cached: { runId: string; refs: Set<string> } | null = null;

  constructor(private readonly db: Database) {}

  async id(): Promise<string | null> {
    const [r] = await this.db.read<{ run_id: string }>("read/screen-latest-run");
    return r?.run_id ?? null;
  }

  /** The refs a run judged common infrastructure (empty when there is no run). */
  async commonInfrastructure(runId: string | null): Promise<Set<string>> {
    if (!runId) return new Set();
    if (this.cached?.runId === runId) return this.cached.refs;
    const [r] = await this.db.read<{ common_infrastructure_json: string | null }>("read/run-common-infrastructure", {
      run_id: runId,
    });
    const list = r?.common_infrastructure_json ? (JSON.parse(r.common_infrastructure_json) as { ref: string }[]) : [];
    const refs = new Set(list.map((c) => c.ref));
    this.cached = { runId, refs };
    return refs;
  }
}
