/**
 * API shapes: runs
 * ================
 *
 * Detection runs as listed and read (`GET /api/runs`, `GET /api/runs/:id`). Plain types, shared by server
 * and client.
 */

export interface RunSummary {
  id: string;
  status: "running" | "finished" | "failed";
  trigger: string | null;
  started_at: string | null;
  finished_at: string | null;
  error: string | null;
  previous_run_id: string | null;
  counts: Record<string, unknown> | null;
  timings: Record<string, number> | null;
  diff_counts: Record<string, number> | null;
  asn_database: { package: string; version: string } | null;
  /** While running: the phase and how far it got (refreshed with each heartbeat). */
  progress: { phase: string; done: number; total?: number } | null;
}

export interface RunDetail extends RunSummary {
  parameters: Record<string, unknown> | null;
  diff: unknown;
  common_infrastructure: unknown[];
}
