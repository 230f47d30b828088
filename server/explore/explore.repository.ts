/**
 * Explore repository
 * ==================
 *
 * Reads behind the entity pages: an application's clusters across retained runs, its cases, the other
 * applications of the same person and its neighbourhood; an identifier's applications on a timeline
 * with their clusters. Plain objects out; labels only from the fixed kind list.
 */
import type { ApplicationSummary } from "../common/api/applications.js";
import type { RawIdentifier } from "../clusters/clusters.repository.js";
import { summaryOf, withDetails } from "../db/application-details.js";
import type { Database } from "../db/database.js";
import { defineQueries } from "../db/queries.js";
import type { MembershipRow, CaseRef } from "../common/api/explore.js";

defineQueries([
  "read/explore-application-runs",
  "read/explore-application-cases",
  "read/explore-application-identity",
  "read/explore-application-neighbourhood",
  "read/explore-application-cluster",
  "read/explore-identifier-neighbourhood",
] as const);

export interface LatestClusterRow {
  run_id: string;
  finished_at: string;
  common_infrastructure_json: string | null;
  cluster: {
    id: string;
    risk_score: number;
    risk_level: string;
    patterns: string[];
    size: number | null;
    change: string | null;
  } | null;
}

export interface NeighbourRow extends RawIdentifier {
  others: (Record<string, unknown> & { id: string })[];
}

export interface TimelineApplication extends ApplicationSummary {
  cluster_id: string | null;
  cluster_risk_level: string | null;
  identifiers: RawIdentifier[];
}

export interface IdentifierNeighbourhoodRow {
  label: string;
  identifier: Record<string, unknown>;
  total: number;
  applications: TimelineApplication[];
  run_id: string | null;
  common_infrastructure_json: string | null;
}

export class ExploreRepository {
  constructor(private readonly db: Database) {}

  memberships(id: string): Promise<MembershipRow[]> {
    return this.db.read<MembershipRow>("read/explore-application-runs", { id });
  }

  async cases(id: string, limit: number): Promise<CaseRef[]> {
    const rows = await this.db.read<{ case: CaseRef }>("read/explore-application-cases", { id, limit });
    return rows.map((r) => ({
      ...r.case,
      assignee: r.case.assignee ?? null,
      cluster_id: r.case.cluster_id ?? null,
      run_id: r.case.run_id ?? null,
    }));
  }

  async sameIdentity(
    id: string,
    maxDegree: number,
    limit: number,
  ): Promise<{ application: ApplicationSummary; via: string[] }[]> {
    const rows = await this.db.read<{ application: Record<string, unknown>; via: string[] }>(
      "read/explore-application-identity",
      { id, max_degree: maxDegree, limit },
    );
    return rows.map((r) => ({ application: summaryOf(r.application), via: r.via }));
  }

  async latestCluster(id: string): Promise<LatestClusterRow | null> {
    const [r] = await this.db.read<LatestClusterRow>("read/explore-application-cluster", { id });
    return r ?? null;
  }

  async applicationNeighbourhood(id: string, per: number): Promise<NeighbourRow[]> {
    const rows = await this.db.read<NeighbourRow>("read/explore-application-neighbourhood", { id, per });
    // The others are drawn as nodes: their claimed country is all of `details` they show.
    return rows.map((r) => ({ ...r, others: r.others.map((o) => withDetails(o, ["claimed_country"])) }));
  }

  async identifierNeighbourhood(label: string, key: string, limit: number): Promise<IdentifierNeighbourhoodRow | null> {
    const [r] = await this.db.read<IdentifierNeighbourhoodRow>("read/explore-identifier-neighbourhood", {
      label,
      key,
      limit,
    });
    if (!r) return null;
    return {
      ...r,
      applications: r.applications.map((a) => summaryOf(a as TimelineApplication & Record<string, unknown>)),
    };
  }
}
