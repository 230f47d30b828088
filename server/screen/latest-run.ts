/**
 * Latest run and what screening reads of it
 * =========================================
 *
 * What screening and the watchlist read of detection: the latest finished run's id (one small query per
 * call), and per run its common-infrastructure refs and the detection options it ran with (the points,
 * caps and thresholds screening scores with, verdict adjustment included), parsed once per run id and
 * kept (a finished run never changes). Without a run, the default options and no common infrastructure.
 */
import type { Database } from "../db/database.js";
import { defineQueries } from "../db/queries.js";
import { resolveDetectOptions, type DetectOptions, type DetectOptionsInput } from "../detect/options.js";

defineQueries(["read/screen-latest-run", "read/screen-run-context"] as const);

export interface RunContext {
  runId: string | null;
  /** Refs (`kind:key`) the run judged common infrastructure. */
  common: Set<string>;
  options: DetectOptions;
}

export class LatestRun {
  private cached: RunContext | null = null;
  private readonly none: RunContext = { runId: null, common: new Set(), options: resolveDetectOptions() };

  constructor(private readonly db: Database) {}

  async id(): Promise<string | null> {
    const [r] = await this.db.read<{ run_id: string }>("read/screen-latest-run");
    return r?.run_id ?? null;
  }

  /** The run's common infrastructure and options; read from the database once per run id. */
  async context(runId: string | null): Promise<RunContext> {
    if (!runId) return this.none;
    if (this.cached?.runId === runId) return this.cached;
    const [r] = await this.db.read<{ common_infrastructure_json: string | null; parameters_json: string | null }>(
      "read/screen-run-context",
      { run_id: runId },
    );
    const list = r?.common_infrastructure_json ? (JSON.parse(r.common_infrastructure_json) as { ref: string }[]) : [];
    this.cached = { runId, common: new Set(list.map((c) => c.ref)), options: runOptions(r?.parameters_json ?? null) };
    return this.cached;
  }

  /** The refs a run judged common infrastructure (empty when there is no run). */
  async commonInfrastructure(runId: string | null): Promise<Set<string>> {
    return (await this.context(runId)).common;
  }
}

/**
 * The options a run recorded (`parameters`, which hold every tunable), resolved against today's defaults
 * so a run recorded before an option existed still gives a full set; unreadable parameters give the
 * defaults.
 */
function runOptions(json: string | null): DetectOptions {
  if (!json) return resolveDetectOptions();
  try {
    return resolveDetectOptions(JSON.parse(json) as DetectOptionsInput);
  } catch {
    return resolveDetectOptions();
  }
}
