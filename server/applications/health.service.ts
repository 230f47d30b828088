/**
 * Health service
 * ==============
 *
 * Whether Neo4j answers, its version, and how many applications and identifiers of each kind it holds.
 */
import type { ApplicationRepository } from "./applications.repository.js";
import type { GraphCounts } from "../common/api/applications.js";

export interface Health {
  status: "ok" | "degraded";
  neo4j: { reachable: boolean; version?: string; edition?: string; error?: string };
  counts?: GraphCounts;
}

export class HealthService {
  constructor(private readonly repo: ApplicationRepository) {}

  async check(): Promise<Health> {
    try {
      const [info, counts] = await Promise.all([this.repo.serverInfo(), this.repo.counts()]);
      return { status: "ok", neo4j: { reachable: true, ...info }, counts };
    } catch (err) {
      return { status: "degraded", neo4j: { reachable: false, error: (err as Error).message } };
    }
  }
}
