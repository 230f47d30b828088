/**
 * Latest run and what screening reads of it
 * =========================================
 *
 * What screening and the watchlist read of detection: the latest finished run's id, and per run its common-infrastructure refs and the detection options it ran with (the points,
 * caps and thresholds screening scores with, verdict adjustment included), parsed once per run id and
 * kept (a finished run never changes). Without a run, the default options and no common infrastructure.
 *
 * The id is kept for ID_TTL_MS (1 s) so that a screen costs no extra round trip under load: a run that
 * this server finishes is seen at once (the runs service calls `forget`), one finished elsewhere (the
 * detect CLI) within a second.
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

const ID_TTL_MS = 1000;

export class LatestRun {
  private cached: RunContext | null = null;
  private latest: { id: string | null; at: number } | null = null;
  private readonly none: RunContext = { runId: null, common: new Set(), options: resolveDetectOptions() };

  constructor(private readonly db: Database) {}

  async id(): Promise<string | null> {
    const now = performance.now();
    if (this.latest && now - this.latest.at < ID_TTL_MS) return this.latest.id;
    const [r] = await this.db.read<{ run_id: string }>("read/screen-latest-run");
    this.latest = { id: r?.run_id ?? null, at: now };
    return this.latest.id;
  }

  /** Reads the latest run id again next time (a run has just finished). */
  forget(): void {
    this.latest = null;
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
