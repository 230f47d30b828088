/**
 * Detection scheduler
 * ===================
 *
 * Starts runs on a cron expression (config DETECT_CRON, nightly by default, empty = off) and after an
 * ingest that accepted more than DETECT_AFTER_INGEST_RECORDS records (0 = off). A trigger that finds a
 * run in progress (the lock taken, here or in another process) logs and skips: the running run, or the
 * next one, will see the new data. Runs after an ingest are incremental (DETECT_INCREMENTAL): the next
 * run re-reads everything ingested since the previous one's read, so a skipped trigger loses nothing.
 */
import { Cron } from "croner";

import { ConflictError } from "../common/errors.js";
import type { Logger } from "../logger.js";

export interface RunStarter {
  start(trigger: string, options?: { incremental?: boolean }): Promise<{ run_id: string }>;
}

export interface IngestEvents {
  onIngested(listener: (summary: { accepted: number }) => void): void;
}

export interface SchedulerOptions {
  cron: string;
  afterIngestRecords: number;
  /** Runs after an ingest are incremental (server/runs/detect-from-database.ts); scheduled ones are full. */
  incremental?: boolean;
  log: Logger;
}

export class DetectionScheduler {
  private job: Cron | null = null;
  private stopped = false;

  constructor(
    private readonly runs: RunStarter,
    private readonly opts: SchedulerOptions,
  ) {}

  /** Arms the cron job and the after-ingest trigger; an invalid cron expression fails here, at boot. */
  start(ingest?: IngestEvents): void {
    if (this.opts.cron.trim()) {
      try {
        this.job = new Cron(this.opts.cron.trim(), { protect: true }, () => void this.trigger("schedule"));
      } catch (err) {
        throw new Error(`config: DETECT_CRON "${this.opts.cron}" is not a cron expression: ${(err as Error).message}`, {
          cause: err,
        });
      }
      this.opts.log.info({ cron: this.opts.cron, next: this.nextRun()?.toISOString() }, "detection scheduled");
    }
    if (ingest && this.opts.afterIngestRecords > 0)
      ingest.onIngested((s) => {
        if (s.accepted > this.opts.afterIngestRecords)
          void this.trigger(`ingest:${s.accepted}`, { incremental: this.opts.incremental ?? false });
      });
  }

  /** Starts a run unless one is in progress; resolves to its id, or null when skipped or failed to start. */
  async trigger(reason: string, options: { incremental?: boolean } = {}): Promise<string | null> {
    if (this.stopped) return null;
    try {
      const { run_id } = await this.runs.start(reason, options);
      this.opts.log.info({ run_id, reason }, "detection run started");
      return run_id;
    } catch (err) {
      if (err instanceof ConflictError) {
        this.opts.log.info(
          { reason, running: (err.details as { run_id?: string })?.run_id },
          "detection skipped: a run is in progress",
        );
        return null;
      }
      this.opts.log.error({ err, reason }, "detection run could not start");
      return null;
    }
  }

  nextRun(): Date | null {
    return this.job?.nextRun() ?? null;
  }

  stop(): void {
    this.stopped = true;
    this.job?.stop();
    this.job = null;
  }
}
