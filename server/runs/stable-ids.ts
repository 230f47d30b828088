/**
 * Stable cluster ids
 * ==================
 *
 * Gives each cluster of a new run the id of the previous run's cluster it mostly continues, so that a
 * cluster an investigator watches, or a case cites, stays findable from run to run.
 *
 * Rule (documented in README "Detection runs"):
 * 1. For every pair (new cluster N, previous cluster P) sharing at least one application, compute
 *    overlap = |N ∩ P| and jaccard = overlap / |N ∪ P|.
 * 2. The pair is a candidate when jaccard ≥ 0.5 or overlap ≥ 50 % of P's members (most of P carried over).
 * 3. Candidates are taken greedily, one-to-one, by overlap (largest first), then jaccard, then previous id,
 *    then new position: each previous id goes to at most one new cluster and vice versa. A merge therefore
 *    keeps the id of its largest contributor and a split passes the id to its largest piece.
 * 4. Every other new cluster gets a fresh id from `newId` (never one used by the previous run).
 * Only the previous finished run is consulted: a cluster that dissolves and later reappears gets a new id.
 */
import { ascending, membersIndex, overlapsOf } from "./members-index.js";

export interface MembershipCluster {
  id: string;
  application_ids: readonly string[];
}

export interface StableIdOptions {
  /** Accept a match at or above this Jaccard index. Default 0.5. */
  minJaccard?: number;
  /** Accept a match when at least this share of the previous cluster's members carried over. Default 0.5. */
  minPreviousShare?: number;
  /** Makes a fresh id (injected so tests and runs control randomness). */
  newId: () => string;
}

export interface StableIdMatch {
  /** Position of the new cluster in the input. */
  index: number;
  previousId: string;
  overlap: number;
  jaccard: number;
}

export interface StableIdResult {
  /** One id per new cluster, in input order. */
  ids: string[];
  matches: StableIdMatch[];
}

export function assignStableIds(
  previous: readonly MembershipCluster[],
  next: readonly { application_ids: readonly string[] }[],
  options: StableIdOptions,
): StableIdResult {
  const minJaccard = options.minJaccard ?? 0.5;
  const minShare = options.minPreviousShare ?? 0.5;
  const held = membersIndex(previous);
  const previousSize = held.size;

  const candidates: StableIdMatch[] = [];
  const overlaps = new Map<number, number>();
  next.forEach((n, index) => {
    const members = ascending(n.application_ids) ? n.application_ids : [...new Set(n.application_ids)];
    overlapsOf(held, members, overlaps);
    const nSize = members.length;
    for (const [p, overlap] of overlaps) {
      const pSize = previousSize[p]!;
      const jaccard = overlap / (nSize + pSize - overlap);
      if (jaccard >= minJaccard || overlap >= minShare * pSize)
        candidates.push({ index, previousId: previous[p]!.id, overlap, jaccard });
    }
  });
  candidates.sort(
    (x, y) =>
      y.overlap - x.overlap ||
      y.jaccard - x.jaccard ||
      (x.previousId < y.previousId ? -1 : x.previousId > y.previousId ? 1 : 0) ||
      x.index - y.index,
  );

  const ids: (string | undefined)[] = new Array(next.length).fill(undefined);
  const taken = new Set<string>();
  const matches: StableIdMatch[] = [];
  for (const c of candidates) {
    if (ids[c.index] !== undefined || taken.has(c.previousId)) continue;
    ids[c.index] = c.previousId;
    taken.add(c.previousId);
    matches.push(c);
  }
  const used = new Set(previous.map((p) => p.id));
  const out = ids.map((id) => {
    if (id !== undefined) return id;
    let fresh = options.newId();
    // A collision is astronomically unlikely with random ids, but a sequence could repeat a retired id.
    while (used.has(fresh)) fresh = options.newId();
    used.add(fresh);
    return fresh;
  });
  return { ids: out, matches: matches.sort((a, b) => a.index - b.index) };
}
