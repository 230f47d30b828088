/**
 * Application repository
 * ======================
 *
 * Reads applications, identifiers and counts back as plain objects. (Writing applications, and emptying
 * the graph, is ingest's: server/ingest/ingest.repository.ts.)
 */
import { IDENTIFIER_KINDS, KIND_LABEL, LABEL_KIND, type IdentifierKind } from "../common/identifiers.js";
import { summaryOf, withDetails } from "../db/application-details.js";
import type { Database } from "../db/database.js";
import { defineQueries } from "../db/queries.js";
import type { ApplicationView, ApplicationSummary, IdentifierUsage, GraphCounts } from "../common/api/applications.js";

defineQueries([
  "read/count-nodes",
  "read/server-version",
  "read/application-by-id",
  "read/application-summary",
  "read/identifier-usage",
  "read/search-names",
] as const);

export class ApplicationRepository {
  constructor(private readonly db: Database) {}

  async counts(): Promise<GraphCounts> {
    const [r] = await this.db.read<Record<string, number>>("read/count-nodes");
    const identifiers = {} as Record<IdentifierKind, number>;
    for (const k of IDENTIFIER_KINDS) identifiers[k] = r?.[k] ?? 0;
    return { applications: r?.applications ?? 0, identifiers, links: r?.links ?? 0 };
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
    return { id, props: withDetails(r.application, undefined, { missing: "omit" }), identifiers };
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
      applications: Record<string, unknown>[];
    }>("read/identifier-usage", {
      candidates: candidates.map((c) => ({ label: KIND_LABEL[c.kind], key: c.key })),
      limit,
    });
    return rows.map((r) => ({
      kind: LABEL_KIND[r.label]!,
      key: String(r.identifier.key),
      props: r.identifier,
      total: r.total,
      applications: r.applications.map(summaryOf),
    }));
  }

  async searchNames(query: string, limit: number): Promise<{ application: ApplicationSummary; score: number }[]> {
    const rows = await this.db.read<{ application: Record<string, unknown>; score: number }>("read/search-names", {
      query,
      limit,
    });
    return rows.map((r) => ({ application: summaryOf(r.application), score: r.score }));
  }

  async summary(id: string): Promise<ApplicationSummary | null> {
    const [r] = await this.db.read<{ application: Record<string, unknown> }>("read/application-summary", { id });
    return r ? summaryOf(r.application) : null;
  }
}
