/**
 * Ingest repository
 * =================
 *
 * Writes batches of normalised applications, replacing their identifier links; what the offline
 * importer leaves to do afterwards; and emptying the graph.
 */
import { deleteInSlices, type Database } from "../db/database.js";
import { defineQueries } from "../db/queries.js";
import type { NormalisedApplication } from "./record.js";

defineQueries([
  "write/upsert-applications",
  "write/delete-orphan-identifiers",
  "write/delete-all-batch",
  "write/delete-all-batch",
  "read/count-all-nodes",
  "write/bulk-empty-lists",
] as const);

/**
 * A property map without its null values. Neo4j stores no nulls, and both `SET a = map` (which removes
 * every property not in the map) and `ON CREATE SET n += map` give the same node without them, so they
 * are left out of the parameters rather than encoded, sent and decoded for nothing.
 */
function withoutNulls<T>(props: Record<string, T | null>): Record<string, T> {
  const out: Record<string, T> = {};
  for (const k in props) if (props[k] !== null) out[k] = props[k] as T;
  return out;
}

/**
 * One parameter row per application: its fields, and its identifiers grouped by kind (one list per
 * label; a kind the application does not use is left out and read as an empty list).
 */
export function applicationRow(app: NormalisedApplication): Record<string, unknown> {
  const row: Record<string, unknown> = { id: app.id, submitted_at: app.submittedAt, props: withoutNulls(app.props) };
  for (const i of app.identifiers) {
    const list = (row[i.kind] ??= []) as unknown[];
    list.push({ key: i.key, props: withoutNulls(i.props) });
  }
  return row;
}

export class IngestRepository {
  constructor(protected readonly db: Database) {}

  /** Replaces the given applications and their links in one transaction (safe to retry). */
  async writeBatch(apps: NormalisedApplication[]): Promise<void> {
    const rows = apps.map(applicationRow);
    await this.db.writeTx(async (tx) => {
      const previous = await tx.run<{ eid: string }>("write/upsert-applications", { rows });
      if (previous.length) await tx.run("write/delete-orphan-identifiers", { eids: previous.map((p) => p.eid) });
    });
  }

  /** After an offline import: the empty lists the importer could not write (see the statement). */
  async fillEmptyLists(): Promise<number> {
    const [r] = await this.db.writeAutoCommit<{ filled: number }>("write/bulk-empty-lists");
    return r?.filled ?? 0;
  }

  /** Nodes of any label (bulk load runs only on an empty database). */
  async countAllNodes(): Promise<number> {
    const [r] = await this.db.read<{ nodes: number }>("read/count-all-nodes");
    return r?.nodes ?? 0;
  }

  /** Deletes everything, a slice at a time. */
  async deleteAll(): Promise<number> {
    return deleteInSlices(this.db, "write/delete-all-batch");
  }
}
