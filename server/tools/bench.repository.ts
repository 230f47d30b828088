/**
 * Benchmark repository
 * ====================
 *
 * The ingest repository plus the writes bench:ingest compares the pipeline against (a naive loop, the
 * graph's shape alone, bare node pairs). Their statements live in cypher/bench/, out of production.
 */
import { deleteInSlices, type ProfiledOperator } from "../db/database.js";
import { defineQueries } from "../db/queries.js";
import { applicationRow, IngestRepository } from "../ingest/ingest.repository.js";
import type { NormalisedApplication } from "../ingest/record.js";

defineQueries([
  "bench/naive-upsert-application",
  "bench/shape-only-applications",
  "bench/shape-create-applications",
  "read/existing-application-ids",
  "read/watchlist-count",
  "bench/bare-chains",
  "bench/bare-delete",
  "bench/recent-application-ids",
  "bench/delete-applications",
] as const);

/** The shape's row, as the pipeline's with the keys alone: the id, and each used kind's identifier keys (unused kinds absent). */
function keysRow(app: NormalisedApplication): Record<string, unknown> {
  const row: Record<string, unknown> = { id: app.id };
  for (const i of app.identifiers) ((row[i.kind] ??= []) as unknown[]).push({ key: i.key });
  return row;
}

export class BenchRepository extends IngestRepository {
  /**
   * bench:ingest --profile: the statements one batch takes, under PROFILE in one transaction, rolled back:
   * `new` ids (the lookup of stored ids, then the creating statement), stored ids `replaced` (fields and old
   * links removed, then identifiers and links), or the `shape`-only statement. The orphan clean-up that
   * follows a replacement is not included (it is a statement of its own).
   */
  async profileBatch(apps: NormalisedApplication[], mode: "new" | "replaced" | "shape"): Promise<ProfiledOperator[]> {
    if (mode === "shape") return this.db.profileWrite("bench/shape-only-applications", { rows: apps.map(keysRow) });
    const rows = apps.map((a) => applicationRow(a));
    if (mode === "new")
      return this.db.profileWrites([
        ["read/existing-application-ids", { ids: apps.map((a) => a.id) }],
        ["write/create-applications", { rows }],
      ]);
    return this.db.profileWrites([
      ["write/upsert-applications", { rows }],
      ["write/link-applications", { rows }],
    ]);
  }

  /** The naive baseline bench:ingest compares against: one application per auto-commit transaction. */
  async writeOneNaively(app: NormalisedApplication): Promise<void> {
    await this.db.write("bench/naive-upsert-application", { row: applicationRow(app) });
  }

  /** bench:ingest's ceiling: the same nodes and links with no properties, into an empty database. */
  async writeShapeOnly(apps: NormalisedApplication[]): Promise<void> {
    const rows = apps.map(keysRow);
    await this.db.writeTx((tx) => tx.run("bench/shape-only-applications", { rows }));
  }

  /** bench:ingest's floor: `count` bare node pairs with one relationship each (3 entities a row), one transaction. */
  async writeBareChains(count: number): Promise<void> {
    await this.db.writeTx((tx) => tx.run("bench/bare-chains", { count }));
  }

  /** bench:detect: the ids of the `limit` most recently submitted applications. */
  async recentApplicationIds(limit: number): Promise<string[]> {
    const rows = await this.db.read<{ id: string }>("bench/recent-application-ids", { limit });
    return rows.map((r) => r.id);
  }

  /** bench:detect: deletes these applications and the identifiers only they used, 2,000 per transaction. */
  async deleteApplications(ids: string[]): Promise<void> {
    for (let i = 0; i < ids.length; i += 2000) {
      const slice = ids.slice(i, i + 2000);
      await this.db.writeTx((tx) => tx.run("bench/delete-applications", { ids: slice }));
    }
  }

  /** Removes what writeBareChains made. */
  async deleteBareChains(): Promise<void> {
    await deleteInSlices(this.db, "bench/bare-delete");
  }
}

/**
 * bench:ingest's like-for-like floor: the pipeline's own write path (a transaction per batch with the
 * watchlist count, the lookup of stored ids and one creating statement; the pipeline's batches in flight)
 * writing the shape alone (ids, identifier keys, links). The pipeline's Neo4j CPU above this path's is
 * what the properties and their index entries cost; this path's above the shape-only statement's is what
 * the path itself costs. New applications only, as in an emptied database.
 */
export class ShapePathRepository extends BenchRepository {
  override async writeBatch(apps: NormalisedApplication[]): Promise<void> {
    await this.db.writeTx(async (tx) => {
      await tx.run("read/watchlist-count");
      const stored = await tx.run<{ id: string }>("read/existing-application-ids", { ids: apps.map((a) => a.id) });
      if (stored.length)
        throw new Error(`the shape path writes new applications only; ${stored[0]!.id} is stored already`);
      await tx.run("bench/shape-create-applications", { rows: apps.map(keysRow) });
    });
  }
}
