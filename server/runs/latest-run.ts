/**
 * Latest run and what screening reads of it
 * =========================================
 *
 * What screening and the watchlist read of detection: the latest finished run's id, and per run its common-infrastructure refs and the detection options it ran with (the points,
 * caps and thresholds screening scores with, verdict adjustment included), parsed once per run id and
 * kept (a finished run never changes). Without a run, the default options and no common infrastructure.
 *
 * The id is kept until a run finishes, so a screen makes no round trip for it: a run that this server
 * finishes is seen at once (the runs service calls `forget`, and the next caller reads the id again).
 * A run finished elsewhere (the detect CLI, another server) is noticed by a check in the background once
 * the kept id is older than `ttlMs` (1 s): the caller that notices gets the kept id without waiting, the
 * ones after it the new one.
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
  /** Bumped by `forget`: a read that started before a run finished must not be kept after it. */
  private generation = 0;
  private reading: { generation: number; id: Promise<string | null> } | null = null;
  private readonly none: RunContext = { runId: null, common: new Set(), options: resolveDetectOptions() };

  constructor(
    private readonly db: Database,
    private readonly ttlMs = ID_TTL_MS,
  ) {}

  async id(): Promise<string | null> {
    if (!this.latest) return this.read();
    // Stale: check again in the background (a failed check keeps the id and is retried by the next caller).
    if (performance.now() - this.latest.at >= this.ttlMs) this.read().catch(() => undefined);
    return this.latest.id;
  }

  /** Reads the latest run id again next time (a run has just finished). */
  forget(): void {
    this.latest = null;
    this.generation++;
  }

  /** One read of the id at a time per generation; concurrent callers share it. */
  private read(): Promise<string | null> {
    if (this.reading?.generation === this.generation) return this.reading.id;
    const generation = this.generation;
    const at = performance.now();
    const id = this.db
      .read<{ run_id: string }>("read/screen-latest-run")
      .then(([r]) => {
        const runId = r?.run_id ?? null;
        if (generation === this.generation) this.latest = { id: runId, at };
        return runId;
      })
      .finally(() => {
        if (this.reading?.id === id) this.reading = null;
      });
    this.reading = { generation, id };
    return id;
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
