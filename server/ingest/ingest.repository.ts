/**
 * Ingest repository
 * =================
 *
 * Writes batches of normalised applications, replacing their identifier links; counts the nodes bulk
 * load checks for an empty database; and empties the graph.
 */
import { packDetails } from "../db/application-details.js";
import { deleteInSlices, type Database, type TxRunner } from "../db/database.js";
import { defineQueries } from "../db/queries.js";
import { isConstraintViolation } from "../db/write-errors.js";
import type { NormalisedApplication } from "./record.js";

defineQueries([
  "read/existing-application-ids",
  "write/create-applications",
  "write/upsert-applications",
  "write/link-applications",
  "write/delete-orphan-identifiers",
  "write/delete-all-batch",
  "read/count-all-nodes",
  "read/watchlist-count",
  "read/watchlist-hits",
] as const);

/** The indicator an application gets at ingest when it uses an identifier on the active watchlist. */
export const WATCHLIST_HIT = "watchlist_hit";

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
 * One parameter row per application: the properties its node keeps by name, its descriptive fields packed
 * into `details` (server/db/application-details.ts), and its identifiers grouped by kind (one list per
 * label; a kind the application does not use is left out and read as an empty list). A `watchlisted`
 * application gets WATCHLIST_HIT among its indicators.
 */
export function applicationRow(app: NormalisedApplication, watchlisted = false): Record<string, unknown> {
  const { full_name, name_key, raw_json } = app.props;
  let props = app.props;
  if (watchlisted) {
    const indicators = Array.isArray(props.indicators) ? props.indicators : [];
    if (!indicators.includes(WATCHLIST_HIT)) props = { ...props, indicators: [...indicators, WATCHLIST_HIT].sort() };
  }
  const row: Record<string, unknown> = {
    id: app.id,
    submitted_at: app.submittedAt,
    props: withoutNulls({ full_name, name_key, raw_json }),
    details: packDetails(props),
  };
  for (const i of app.identifiers) {
    const list = (row[i.kind] ??= []) as unknown[];
    list.push({ key: i.key, props: withoutNulls(i.props) });
  }
  return row;
}

/**
 * Rows for a batch, with WATCHLIST_HIT added to the indicators of applications using an identifier on the
 * active watchlist (server/watchlist/). One count-store read when the watchlist is empty, else one
 * indexed lookup of the batch's refs, inside the batch's own transaction.
 */
async function flagWatchlisted(tx: TxRunner, apps: NormalisedApplication[]): Promise<Record<string, unknown>[]> {
  const [count] = await tx.run<{ entries: number }>("read/watchlist-count");
  if (!count?.entries) return apps.map((a) => applicationRow(a));
  const refs = [...new Set(apps.flatMap((a) => a.identifiers.map((i) => `${i.kind}:${i.key}`)))];
  const hits = new Set(
    (await tx.run<{ entry: { ref: string } }>("read/watchlist-hits", { refs })).map((h) => h.entry.ref),
  );
  return apps.map((a) =>
    applicationRow(
      a,
      a.identifiers.some((i) => hits.has(`${i.kind}:${i.key}`)),
    ),
  );
}

/**
 * Writes of applications and their links by this process (each ingest batch, fill, delete), so that readers
 * caching what they built from the graph (server/clusters/detail-cache.ts) see an in-place change at once.
 */
let applicationWrites = 0;

export function applicationWriteGeneration(): number {
  return applicationWrites;
}

export class IngestRepository {
  constructor(protected readonly db: Database) {}

  /**
   * Stores the given applications and their links in one transaction (safe to retry). Ids not stored yet
   * (the common case) are created with their identifiers and links in one statement; ids stored already
   * are replaced in two: their fields and the removal of their old links, then their identifiers and
   * links (one statement would make the planner buffer the whole batch after each identifier kind, Eager;
   * see README "Ingest throughput"). Should a concurrent writer create one of the new ids first, the
   * uniqueness constraint refuses the creation and the batch is written again, all of it replaced.
   */
  async writeBatch(apps: NormalisedApplication[]): Promise<void> {
    // Counted before and after: a reader that started meanwhile keeps neither generation's entry.
    applicationWrites++;
    try {
      try {
        await this.writeRows(apps, true);
      } catch (err) {
        if (!isConstraintViolation(err)) throw err;
        await this.writeRows(apps, false);
      }
    } finally {
      applicationWrites++;
    }
  }

  /** One transaction for the batch; with `createNew`, ids not stored yet take the creating statement. */
  private async writeRows(apps: NormalisedApplication[], createNew: boolean): Promise<void> {
    await this.db.writeTx(async (tx) => {
      const rows = await flagWatchlisted(tx, apps);
      let replaced = rows;
      if (createNew) {
        const ids = apps.map((a) => a.id);
        const stored = new Set(
          (await tx.run<{ id: string }>("read/existing-application-ids", { ids })).map((r) => r.id),
        );
        const fresh = rows.filter((r) => !stored.has(r.id as string));
        if (fresh.length) await tx.run("write/create-applications", { rows: fresh });
        replaced = fresh.length === rows.length ? [] : rows.filter((r) => stored.has(r.id as string));
      }
      if (!replaced.length) return;
      const previous = await tx.run<{ eid: string }>("write/upsert-applications", { rows: replaced });
      await tx.run("write/link-applications", { rows: replaced });
      if (previous.length) await tx.run("write/delete-orphan-identifiers", { eids: previous.map((p) => p.eid) });
    });
  }

  /** Nodes of any label (bulk load runs only on an empty database). */
  async countAllNodes(): Promise<number> {
    const [r] = await this.db.read<{ nodes: number }>("read/count-all-nodes");
    return r?.nodes ?? 0;
  }

  /** Deletes everything, a slice at a time. */
  async deleteAll(): Promise<number> {
    applicationWrites++;
    try {
      return await deleteInSlices(this.db, "write/delete-all-batch");
    } finally {
      applicationWrites++;
    }
  }
}
