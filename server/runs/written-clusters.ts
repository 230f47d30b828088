/**
 * The clusters this process's last finished run wrote (ids, members, node uids, content hashes), so the
 * next run in the same process compares with them without reading them back from Neo4j. Keyed by run id:
 * a run finished by another process since has another id, and its clusters are read as before. A
 * finished run's clusters never change, so what is kept stays true while that run is the latest.
 */
import { membersIndex } from "./members-index.js";
import type { PreviousCluster } from "./runs.repository.js";

export class WrittenClusters {
  private last: { runId: string; clusters: PreviousCluster[] } | null = null;

  /** Called once the run is visible: the members index the next run's stable ids and diff need is built now. */
  remember(runId: string, clusters: PreviousCluster[]): void {
    this.last = { runId, clusters };
    membersIndex(clusters);
  }

  /** The clusters of `runId` when it is the run remembered, else null. */
  clustersOf(runId: string): PreviousCluster[] | null {
    return this.last?.runId === runId ? this.last.clusters : null;
  }
}
