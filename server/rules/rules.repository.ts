/**
 * Rules repository
 * ================
 *
 * The triage verdicts rule statistics are computed from (the triage module's `:Triage` nodes, read only).
 */
import type { Database } from "../db/database.js";
import { defineQueries } from "../db/queries.js";

defineQueries(["read/rules-verdicts"] as const);

export interface VerdictRow {
  state: "confirmed_ring" | "dismissed";
  reason_codes: string[];
  patterns: string[];
  reason: string | null;
}

export class RulesRepository {
  constructor(private readonly db: Database) {}

  async verdicts(): Promise<VerdictRow[]> {
    return this.db.read<VerdictRow>("read/rules-verdicts");
  }
}
