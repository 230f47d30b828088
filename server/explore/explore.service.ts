/**
 * Explore service
 * ===============
 *
 * Starting points for an investigation that is not yet a cluster: one search over applications,
 * identifiers, clusters and cases, and the context of an application (its clusters across runs, its
 * cases, the same person's other applications, its neighbourhood) or of an identifier (every application
 * using it on a timeline, whether it is common infrastructure and why, its neighbourhood).
 */
import type { CaseRepository } from "../cases/cases.repository.js";
import type { ClustersRepository } from "../clusters/clusters.repository.js";
import { NotFoundError, ValidationError } from "../common/errors.js";
import { normaliseAs } from "../normalise/identifier.js";
import { KIND_LABEL, type IdentifierKind } from "../common/identifiers.js";
import { fromClusterProps } from "../runs/cluster-record.js";
import { applicationNode, identifierInfo, identifierNode, type GraphEdge, type GraphNode } from "../common/graph.js";
import type { ApplicationService } from "../applications/applications.service.js";
import type { ExploreRepository } from "./explore.repository.js";
import { typedValues } from "../normalise/typed-values.js";
import type { ClusterHit, FullSearchResult, ApplicationContext, IdentifierContext } from "../common/api/explore.js";

/** Stable cluster ids are `C-` and eight letters or digits; tests and older runs use other lengths. */
const CLUSTER_ID = /^C-[A-Z0-9]{3,16}$/i;
/** Identifiers used more widely than this do not make two applications one person here (as explain's cap). */
const IDENTITY_MAX_DEGREE = 50;
/** Applications drawn per identifier around an application. */
const PER_IDENTIFIER = 12;

function commonList(json: string | null): { ref: string; identities: number; applications: number; reason: string }[] {
  if (!json) return [];
  try {
    return JSON.parse(json) as { ref: string; identities: number; applications: number; reason: string }[];
  } catch {
    return [];
  }
}

export class ExploreService {
  constructor(
    private readonly repo: ExploreRepository,
    private readonly applications: ApplicationService,
    private readonly clusters: ClustersRepository,
    private readonly cases: CaseRepository,
  ) {}

  async search(q: string, limit: number): Promise<FullSearchResult> {
    const base = await this.applications.search(q, limit);
    const text = base.query;
    const clusters: ClusterHit[] = [];
    if (CLUSTER_ID.test(text)) {
      const id = text.toUpperCase();
      const found = await this.clusters.byId(id, null);
      if (found) {
        const c = fromClusterProps(found.cluster);
        clusters.push({
          id,
          run_id: found.run_id,
          in_latest_run: true,
          risk_score: c.risk_score,
          risk_level: c.risk_level,
          patterns: c.patterns,
          size: c.size ?? c.application_ids.length,
        });
      } else {
        const seen = await this.clusters.lastSeen(id);
        if (seen)
          clusters.push({
            id,
            run_id: seen.run_id,
            in_latest_run: false,
            risk_score: null,
            risk_level: null,
            patterns: [],
            size: null,
          });
      }
    }
    const page = await this.cases.list({ status: "", assignee: "", q: text.toLowerCase(), limit: 10, offset: 0 });
    const cases = page.cases.map((c) => ({
      id: c.id,
      title: c.title,
      status: c.status,
      cluster_id: c.cluster_id,
      member_count: c.member_count,
    }));
    return { ...base, clusters, cases };
  }

  async application(id: string): Promise<ApplicationContext> {
    const summary = await this.applications.get(id); // 404 for an unknown id, and the node's fields
    const [around, latest, history, cases, same] = await Promise.all([
      this.repo.applicationNeighbourhood(id, PER_IDENTIFIER),
      this.repo.latestCluster(id),
      this.repo.memberships(id),
      this.repo.cases(id, 50),
      this.repo.sameIdentity(id, IDENTITY_MAX_DEGREE, 200),
    ]);
    const common = new Set(commonList(latest?.common_infrastructure_json ?? null).map((c) => c.ref));
    const self = applicationNode({ ...summaryFields(summary.props), id });
    const typed = typedValues((summary.props.raw ?? null) as Record<string, unknown> | null);
    const nodes = new Map<string, GraphNode>([[self.id, self]]);
    const edges: GraphEdge[] = [];
    let truncated = false;
    for (const row of around) {
      const info = identifierInfo(row.label, row.props, row.used_by);
      if (!info) continue;
      const display = typed.get(info.ref);
      nodes.set(
        info.ref,
        identifierNode(info, { common_infrastructure: common.has(info.ref), ...(display ? { display } : {}) }),
      );
      edges.push({ source: self.id, target: info.ref });
      if (row.used_by - 1 > row.others.length) truncated = true;
      for (const o of row.others) {
        const node = applicationNode(o);
        if (!nodes.has(node.id)) nodes.set(node.id, node);
        edges.push({ source: node.id, target: info.ref });
      }
    }
    return {
      id,
      run_id: latest?.run_id ?? null,
      cluster: latest?.cluster
        ? {
            id: latest.cluster.id,
            risk_score: latest.cluster.risk_score,
            risk_level: latest.cluster.risk_level,
            patterns: latest.cluster.patterns ?? [],
            size: latest.cluster.size ?? null,
          }
        : null,
      history,
      cases,
      same_identity: same.map((s) => ({ ...s.application, via: s.via.map(labelRefToKindRef) })),
      common_infrastructure: [...common].filter((ref) => nodes.has(ref)),
      graph: { nodes: [...nodes.values()], edges, truncated },
    };
  }

  async identifier(kind: IdentifierKind, value: string, limit: number): Promise<IdentifierContext> {
    // The value may be a stored normal form (links from the app) or anything typed: try it as is first.
    let row = await this.repo.identifierNeighbourhood(KIND_LABEL[kind], value, limit);
    if (!row) {
      const n = normaliseAs(kind, value);
      if (!n) throw new ValidationError(`"${value}" is empty once normalised as ${kind}`);
      if (!n.links) throw new NotFoundError(`${kind} "${value}" (${n.key}) is not routable and links nothing`);
      row = await this.repo.identifierNeighbourhood(KIND_LABEL[kind], n.key, limit);
      if (!row) throw new NotFoundError(`${kind} "${n.key}" is used by no application`);
    }
    const info = identifierInfo(row.label, row.identifier, row.total)!;
    const common = commonList(row.common_infrastructure_json);
    const verdict = common.find((c) => c.ref === info.ref);
    const self = identifierNode(info, { common_infrastructure: Boolean(verdict) });
    const nodes = new Map<string, GraphNode>([[self.id, self]]);
    const edges: GraphEdge[] = [];
    // Beside the identifier: its applications and the other identifiers two or more of them share.
    const sharedCount = new Map<string, number>();
    for (const a of row.applications)
      for (const raw of a.identifiers) {
        const i = identifierInfo(raw.label, raw.props, raw.used_by);
        if (i) sharedCount.set(i.ref, (sharedCount.get(i.ref) ?? 0) + 1);
      }
    const commonRefs = new Set(common.map((c) => c.ref));
    for (const a of row.applications) {
      const { identifiers, ...fields } = a;
      const app = applicationNode(fields);
      nodes.set(app.id, app);
      edges.push({ source: app.id, target: self.id });
      for (const raw of identifiers) {
        const i = identifierInfo(raw.label, raw.props, raw.used_by);
        if (!i || (sharedCount.get(i.ref) ?? 0) < 2) continue;
        if (!nodes.has(i.ref)) nodes.set(i.ref, identifierNode(i, { common_infrastructure: commonRefs.has(i.ref) }));
        edges.push({ source: app.id, target: i.ref });
      }
    }
    const clusters = new Map<string, { id: string; risk_level: string | null; applications: number }>();
    for (const a of row.applications) {
      if (!a.cluster_id) continue;
      const c = clusters.get(a.cluster_id) ?? { id: a.cluster_id, risk_level: a.cluster_risk_level, applications: 0 };
      c.applications++;
      clusters.set(a.cluster_id, c);
    }
    return {
      kind: info.kind,
      key: info.key,
      props: info.props,
      total: row.total,
      applications: row.applications.map(({ identifiers: _i, ...a }) => {
        void _i;
        return { ...a, cluster_id: a.cluster_id ?? null, cluster_risk_level: a.cluster_risk_level ?? null };
      }),
      common_infrastructure: verdict
        ? {
            common: true,
            run_id: row.run_id,
            reason: verdict.reason,
            identities: verdict.identities,
            applications: verdict.applications,
          }
        : {
            common: false,
            run_id: row.run_id,
            reason: row.run_id
              ? `Not judged common infrastructure by run ${row.run_id}: it links the ${row.total === 1 ? "one application" : `${row.total} applications`} using it.`
              : "No detection run has finished yet.",
            identities: null,
            applications: row.total,
          },
      clusters: [...clusters.values()].sort((a, b) => b.applications - a.applications),
      graph: { nodes: [...nodes.values()], edges, truncated: row.total > row.applications.length },
    };
  }
}

/** The fields an application node carries (not the raw record). */
function summaryFields(props: Record<string, unknown>): Record<string, unknown> {
  const { raw: _raw, name_key: _nk, ...rest } = props;
  void _raw;
  void _nk;
  return rest;
}

/** `Email:x` (as the identity query returns it) → `email:x`. */
function labelRefToKindRef(labelRef: string): string {
  const i = labelRef.indexOf(":");
  const kind = Object.entries(KIND_LABEL).find(([, l]) => l === labelRef.slice(0, i))?.[0];
  return kind ? `${kind}:${labelRef.slice(i + 1)}` : labelRef;
}
