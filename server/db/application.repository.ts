/**
 * Application repository
 * ======================
 *
 * Writes batches of normalised applications (replacing their identifier links) and reads applications,
 * identifiers and counts back as plain objects.
 */
import type { NormalisedApplication } from "../ingest/record.js";
import { IDENTIFIER_KINDS, KIND_LABEL, LABEL_KIND, type IdentifierKind } from "../normalise/types.js";
import type { Database, ProfiledOperator, TxRunner } from "./database.js";
import { defineQueries } from "./queries.js";

defineQueries([
  "write/upsert-applications",
  "write/naive-upsert-application",
  "write/bench-shape-only-applications",
  "write/bench-bare-chains",
  "write/bench-bare-delete",
  "write/delete-orphan-identifiers",
  "write/delete-all-batch",
  "read/count-nodes",
  "read/count-all-nodes",
  "write/bulk-empty-lists",
  "read/server-version",
  "read/application-by-id",
  "read/application-summary",
  "read/identifier-usage",
  "read/search-names",
  "read/watchlist-count",
  "read/watchlist-hits",
] as const);

/** The indicator an application gets at ingest when it uses an identifier on the active watchlist. */
export const WATCHLIST_HIT = "watchlist_hit";

export interface IdentifierView {
  kind: IdentifierKind;
  key: string;
  ref: string;
  props: Record<string, unknown>;
  usedBy: number;
}

export interface ApplicationView {
  id: string;
  props: Record<string, unknown>;
  identifiers: IdentifierView[];
}

export interface ApplicationSummary {
  id: string;
  full_name: string | null;
  submitted_at: string;
  claimed_country: string | null;
  job_id: string | null;
}

export interface IdentifierUsage {
  kind: IdentifierKind;
  key: string;
  props: Record<string, unknown>;
  total: number;
  applications: ApplicationSummary[];
}

export interface GraphCounts {
  applications: number;
  identifiers: Record<IdentifierKind, number>;
  links: number;
}

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
/** bench:ingest's shape-only row: the id and the identifier keys per kind, nothing else. */
function shapeRow(app: NormalisedApplication): Record<string, unknown> {
  const row: Record<string, unknown> = { id: app.id };
  for (const kind of IDENTIFIER_KINDS) row[kind] = [];
  for (const i of app.identifiers) (row[i.kind] as unknown[]).push({ key: i.key });
  return row;
}

function applicationRow(app: NormalisedApplication): Record<string, unknown> {
  const row: Record<string, unknown> = { id: app.id, submitted_at: app.submittedAt, props: withoutNulls(app.props) };
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
  const rows = apps.map(applicationRow);
  const [count] = await tx.run<{ entries: number }>("read/watchlist-count");
  if (!count?.entries) return rows;
  const refs = [...new Set(apps.flatMap((a) => a.identifiers.map((i) => `${i.kind}:${i.key}`)))];
  const hits = new Set(
    (await tx.run<{ entry: { ref: string } }>("read/watchlist-hits", { refs })).map((h) => h.entry.ref),
  );
  if (!hits.size) return rows;
  apps.forEach((a, n) => {
    if (!a.identifiers.some((i) => hits.has(`${i.kind}:${i.key}`))) return;
    const props = rows[n]!.props as Record<string, unknown>;
    const indicators = Array.isArray(props.indicators) ? (props.indicators as string[]) : [];
    if (!indicators.includes(WATCHLIST_HIT)) props.indicators = [...indicators, WATCHLIST_HIT].sort();
  });
  return rows;
}

export class ApplicationRepository {
  constructor(private readonly db: Database) {}

  /** Replaces the given applications and their links in one transaction (safe to retry). */
  async writeBatch(apps: NormalisedApplication[]): Promise<void> {
    await this.db.writeTx(async (tx) => {
      const rows = await flagWatchlisted(tx, apps);
      const previous = await tx.run<{ eid: string }>("write/upsert-applications", { rows });
      if (previous.length) await tx.run("write/delete-orphan-identifiers", { eids: previous.map((p) => p.eid) });
    });
  }

  /**
   * bench:ingest --profile: the batch's upsert, or its shape-only statement, under PROFILE, rolled back.
   * The orphan clean-up that follows a re-ingest is not included (it is a statement of its own).
   */
  async profileBatch(apps: NormalisedApplication[], shapeOnly = false): Promise<ProfiledOperator[]> {
    if (!shapeOnly) return this.db.profileWrite("write/upsert-applications", { rows: apps.map(applicationRow) });
    return this.db.profileWrite("write/bench-shape-only-applications", { rows: apps.map(shapeRow) });
  }

  /** The naive baseline bench:ingest compares against: one application per auto-commit transaction. */
  async writeOneNaively(app: NormalisedApplication): Promise<void> {
    await this.db.write("write/naive-upsert-application", { row: applicationRow(app) });
  }

  /** bench:ingest's ceiling: the same nodes and links with no properties, into an empty database. */
  async writeShapeOnly(apps: NormalisedApplication[]): Promise<void> {
    const rows = apps.map(shapeRow);
    await this.db.writeTx((tx) => tx.run("write/bench-shape-only-applications", { rows }));
  }

  /** bench:ingest's floor: `count` bare node pairs with one relationship each (3 entities a row), one transaction. */
  async writeBareChains(count: number): Promise<void> {
    await this.db.writeTx((tx) => tx.run("write/bench-bare-chains", { count }));
  }

  /** Removes what writeBareChains made. */
  async deleteBareChains(): Promise<void> {
    await this.deleteInSlices("write/bench-bare-delete");
  }

  async counts(): Promise<GraphCounts> {
    const [r] = await this.db.read<Record<string, number>>("read/count-nodes");
    const identifiers = {} as Record<IdentifierKind, number>;
    for (const k of IDENTIFIER_KINDS) identifiers[k] = r?.[k] ?? 0;
    return { applications: r?.applications ?? 0, identifiers, links: r?.links ?? 0 };
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

  async serverInfo(): Promise<{ version: string; edition: string }> {
    const [r] = await this.db.read<{ version: string; edition: string }>("read/server-version");
    return { version: r?.version ?? "unknown", edition: r?.edition ?? "unknown" };
  }

  async byId(id: string): Promise<ApplicationView | null> {
    const [r] = await this.db.read<{
      application: Record<string, unknown>;
      identifiers: { labels: string[]; props: Record<string, unknown>; used_by: number }[];
    }>("read/application-by-id", { id });
    if (!r) return null;
    const identifiers = r.identifiers
      .map((i) => {
        const kind = LABEL_KIND[i.labels[0]!]!;
        const key = String(i.props.key);
        return { kind, key, ref: `${kind}:${key}`, props: i.props, usedBy: i.used_by };
      })
      .sort(
        (a, b) => IDENTIFIER_KINDS.indexOf(a.kind) - IDENTIFIER_KINDS.indexOf(b.kind) || a.key.localeCompare(b.key),
      );
    return { id, props: r.application, identifiers };
  }

  async identifierUsage(
    candidates: { kind: IdentifierKind; key: string }[],
    limit: number,
  ): Promise<IdentifierUsage[]> {
    if (!candidates.length) return [];
    const rows = await this.db.read<{
      label: string;
      identifier: Record<string, unknown>;
      total: number;
      applications: ApplicationSummary[];
    }>("read/identifier-usage", {
      candidates: candidates.map((c) => ({ label: KIND_LABEL[c.kind], key: c.key })),
      limit,
    });
    return rows.map((r) => ({
      kind: LABEL_KIND[r.label]!,
      key: String(r.identifier.key),
      props: r.identifier,
      total: r.total,
      applications: r.applications,
    }));
  }

  async searchNames(query: string, limit: number): Promise<{ application: ApplicationSummary; score: number }[]> {
    return this.db.read("read/search-names", { query, limit });
  }

  async summary(id: string): Promise<ApplicationSummary | null> {
    const [r] = await this.db.read<{ application: ApplicationSummary }>("read/application-summary", { id });
    return r?.application ?? null;
  }

  /** Deletes everything, a slice at a time. */
  async deleteAll(): Promise<number> {
    return this.deleteInSlices("write/delete-all-batch");
  }

  /** Runs a `LIMIT $limit … DETACH DELETE` statement until it deletes nothing; returns how many it deleted. */
  private async deleteInSlices(query: "write/delete-all-batch" | "write/bench-bare-delete"): Promise<number> {
    let total = 0;
    for (;;) {
      const [r] = await this.db.write<{ deleted: number }>(query, { limit: 20000 });
      total += r?.deleted ?? 0;
      if (!r?.deleted) return total;
    }
  }
}
