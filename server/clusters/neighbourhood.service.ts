/**
 * Neighbourhood service
 * =====================
 *
 * The client's "expand": a node (an application or an identifier, by ref) and one page of its neighbours
 * (an application's identifiers, or the applications using an identifier), with the total so the client
 * can say "N more".
 */
import type { ClustersRepository } from "./clusters.repository.js";
import { NotFoundError, ValidationError } from "../common/errors.js";
import { KIND_LABEL, parseIdentifierRef } from "../common/identifiers.js";
import { applicationNode, identifierInfo, identifierNode, type GraphEdge, type GraphNode } from "../common/graph.js";
import type { Neighbourhood } from "../common/api/clusters.js";

export class NeighbourhoodService {
  constructor(private readonly repo: ClustersRepository) {}

  async neighbours(ref: string, limit: number, offset: number): Promise<Neighbourhood> {
    const page = (node: GraphNode, neighbours: GraphNode[], edges: GraphEdge[], total: number): Neighbourhood => ({
      node,
      neighbours,
      edges,
      total,
      limit,
      offset,
      more: Math.max(0, total - offset - neighbours.length),
    });
    if (ref.startsWith("application:")) {
      const id = ref.slice("application:".length);
      const r = await this.repo.applicationNeighbours(id, limit, offset);
      if (!r) throw new NotFoundError(`application "${id}" not found`);
      const node = applicationNode({ ...r.application, id });
      const neighbours = r.neighbours.flatMap((n) => {
        const info = identifierInfo(n.label, n.props, n.used_by);
        return info ? [identifierNode(info)] : [];
      });
      return page(
        node,
        neighbours,
        neighbours.map((n) => ({ source: node.id, target: n.id })),
        r.total,
      );
    }
    const parsed = parseIdentifierRef(ref);
    if (!parsed || !parsed.key)
      throw new ValidationError(`ref must be "application:ID" or "KIND:KEY" with a known kind, got "${ref}"`);
    const r = await this.repo.identifierNeighbours(KIND_LABEL[parsed.kind], parsed.key, limit, offset);
    if (!r) throw new NotFoundError(`${parsed.kind} "${parsed.key}" is used by no application`);
    const node = identifierNode(identifierInfo(r.label, r.identifier, r.total)!);
    const neighbours = r.neighbours.map(applicationNode);
    return page(
      node,
      neighbours,
      neighbours.map((n) => ({ source: n.id, target: node.id })),
      r.total,
    );
  }
}
