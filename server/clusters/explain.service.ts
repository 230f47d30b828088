/**
 * Explain service
 * ===============
 *
 * Says how two applications are linked: the shortest chains of shared identifiers between them, in words
 * ("A-1 and A-7 share device d-123; share payment account p-9") and as node paths. Common
 * infrastructure (identifiers the latest run judged too widely used, or used by more than `max_degree`
 * applications) is not walked through unless asked for, because a chain through a carrier NAT links
 * nobody.
 */
import type { ClustersRepository, PathNode } from "./clusters.repository.js";
import type { RunsRepository } from "../runs/runs.repository.js";
import { NotFoundError, ValidationError } from "../common/errors.js";
import { KIND_LABEL, LABEL_KIND, parseIdentifierRef, type IdentifierKind } from "../common/identifiers.js";
import { applicationRef, type GraphNode } from "../common/graph.js";
import type { Explanation } from "../common/api/clusters.js";

export interface ExplainOptions {
  include_common: boolean;
  /** Identifiers used by more applications than this are skipped (unless include_common). */
  max_degree: number;
  /** Paths returned at most. */
  limit: number;
}

export const DEFAULT_EXPLAIN: ExplainOptions = { include_common: false, max_degree: 50, limit: 10 };

const KIND_WORDS: Record<IdentifierKind, string> = {
  email: "email",
  phone: "phone number",
  ip: "IP address",
  device: "device",
  profile: "profile",
  address: "shipping address",
  payment: "payment account",
};

function toNode(n: PathNode): GraphNode {
  if (n.label === "Application" && "id" in n)
    return {
      id: applicationRef(n.id),
      kind: "application",
      label: n.full_name || n.id,
      attributes: { application_id: n.id, full_name: n.full_name, submitted_at: n.submitted_at },
    };
  const i = n as { label: string; key: string; used_by: number };
  const kind = LABEL_KIND[i.label]!;
  return { id: `${kind}:${i.key}`, kind, label: i.key, attributes: { key: i.key, used_by: i.used_by } };
}

/** "A-1 and A-7 share device d-123; share payment account p-9". */
export function pathText(nodes: GraphNode[]): string {
  const steps: string[] = [];
  for (let i = 0; i + 2 < nodes.length; i += 2) {
    const [x, via, y] = [nodes[i]!, nodes[i + 1]!, nodes[i + 2]!];
    const kind = via.kind as IdentifierKind;
    steps.push(
      `${x.attributes.application_id} and ${y.attributes.application_id} share ${KIND_WORDS[kind]} ${via.label}`,
    );
  }
  return steps.join("; ");
}

export class ExplainService {
  constructor(
    private readonly repo: ClustersRepository,
    private readonly runs: RunsRepository,
  ) {}

  async explain(a: string, b: string, opts: Partial<ExplainOptions> = {}): Promise<Explanation> {
    const o = { ...DEFAULT_EXPLAIN, ...opts };
    if (a === b) throw new ValidationError("a and b must be two different applications");
    const found = await this.repo.applications([a, b]);
    const missing = found.filter((f) => !f.found).map((f) => f.id);
    if (missing.length) throw new NotFoundError(`application(s) not found: ${missing.join(", ")}`);

    let excluded: string[] = [];
    if (!o.include_common) {
      const latest = await this.runs.latestFinished();
      const common = JSON.parse(latest?.common_infrastructure_json ?? "[]") as { ref: string }[];
      excluded = common.flatMap((c) => {
        const p = parseIdentifierRef(c.ref);
        return p ? [`${KIND_LABEL[p.kind]}:${p.key}`] : [];
      });
    }
    const maxDegree = o.include_common ? null : o.max_degree;
    const raw = await this.repo.shortestPaths({ a, b, maxDegree, excluded, limit: o.limit });
    const paths = raw
      .map((p) => {
        const nodes = p.map(toNode);
        return { length: (nodes.length - 1) / 2, text: pathText(nodes), nodes };
      })
      .sort((x, y) => x.text.localeCompare(y.text));
    const text = paths.length
      ? paths[0]!.text
      : `${a} and ${b} are not linked by a chain of at most 4 shared identifiers` +
        (o.include_common ? "" : " (ignoring common infrastructure)");
    return {
      a,
      b,
      linked: paths.length > 0,
      text,
      paths,
      include_common: o.include_common,
      max_degree: maxDegree,
      excluded_common_infrastructure: excluded.length,
    };
  }
}
