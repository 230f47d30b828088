/**
 * Cluster members index
 * =====================
 *
 * What stable ids and the diff both need from the previous run's clusters: which cluster holds each
 * application (the last one listing it, as both always took it) and each cluster's distinct size, built
 * once per clusters array and cached on it. A long-lived process builds it for its run's clusters as soon
 * as the run is visible (server/runs/runner.ts), so the next run finds it ready.
 */
import type { MembershipCluster } from "./stable-ids.js";

export interface MembersIndex {
  /** Application id → index of the cluster holding it. */
  owner: Map<string, number>;
  /** Distinct applications per cluster. */
  size: Int32Array;
  /**
   * Member list → index of the cluster listing exactly that array object, for clusters holding every
   * application they list (no later cluster lists one of them too).
   */
  whole: Map<readonly string[], number>;
}

const cache = new WeakMap<readonly MembershipCluster[], MembersIndex>();

/** Whether the ids are strictly ascending (so distinct; clusters list their members so). */
export function ascending(ids: readonly string[]): boolean {
  for (let i = 1; i < ids.length; i++) if (!(ids[i - 1]! < ids[i]!)) return false;
  return true;
}

/** Distinct count of `ids`, without a set when they are strictly ascending. */
export const distinctCount = (ids: readonly string[]): number => (ascending(ids) ? ids.length : new Set(ids).size);

/** The index of `clusters` (built on first use, then cached while the array lives). */
export function membersIndex(clusters: readonly MembershipCluster[]): MembersIndex {
  let index = cache.get(clusters);
  if (index) return index;
  const owner = new Map<string, number>();
  const size = new Int32Array(clusters.length);
  clusters.forEach((c, i) => {
    for (const a of c.application_ids) owner.set(a, i);
    size[i] = distinctCount(c.application_ids);
  });
  const whole = new Map<readonly string[], number>();
  clusters.forEach((c, i) => {
    if (c.application_ids.every((a) => owner.get(a) === i)) whole.set(c.application_ids, i);
  });
  index = { owner, size, whole };
  cache.set(clusters, index);
  return index;
}

/**
 * The previous clusters (by index) that share applications with `members`, with how many each: by the
 * owner of each member, or at once when `members` is the very array a previous cluster holds whole (an
 * incremental run hands on the clusters of every component it did not recompute, member lists and all).
 */
export function overlapsOf(
  index: MembersIndex,
  members: readonly string[],
  into: Map<number, number>,
): Map<number, number> {
  into.clear();
  const same = index.whole.get(members);
  if (same !== undefined) return into.set(same, index.size[same]!);
  for (const a of members) {
    const p = index.owner.get(a);
    if (p !== undefined) into.set(p, (into.get(p) ?? 0) + 1);
  }
  return into;
}
