/**
 * Run diff
 * ========
 *
 * Compares a run's clusters (ids already made stable) with the previous run's and says, per cluster,
 * what changed, plus which previous clusters dissolved.
 *
 * Definitions (documented in README "Detection runs"). A previous cluster P is a *source* of a new
 * cluster N when they share at least two applications (a pair that was grouped is still grouped).
 * Each new cluster N gets the first change that applies:
 * - `merged`: N has two or more sources;
 * - `split`: some source P of N is a source of two or more new clusters (N is one of its pieces);
 * - `unchanged` / `grown` / `shrunk`: N kept the id of a previous cluster P: same members → unchanged;
 *   more members than P → grown; fewer → shrunk; as many but some swapped → grown (it has members P had not);
 * - `new`: anything else (no source, or a single source whose id did not carry over).
 * A previous cluster is `dissolved` when its id carried over to no new cluster and it is not a source of
 * a merged or split cluster. `added`/`removed` count applications against the union of the compared
 * previous clusters (the id's previous cluster, or the sources).
 */
import type { ClusterChange } from "../common/detection.js";
import { ascending, membersIndex, overlapsOf } from "./members-index.js";
import type { MembershipCluster } from "./stable-ids.js";

/** Equal member lists, both strictly ascending (so equal as sets). */
function sameMembers(a: readonly string[], b: readonly string[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length || !ascending(b)) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

export interface ClusterDiffEntry {
  id: string;
  change: ClusterChange;
  /** The previous clusters this one is compared with (sources or the previous holder of its id). */
  previous_ids: string[];
  size: number;
  added: number;
  removed: number;
}

export interface RunDiff {
  previous_run_id: string | null;
  counts: Record<ClusterChange | "dissolved", number>;
  /** One entry per cluster of the new run, in its order. */
  clusters: ClusterDiffEntry[];
  dissolved: { id: string; size: number }[];
  /** Previous clusters that split, with the new clusters holding their pieces. */
  splits: { previous_id: string; into: string[] }[];
}

export function diffRuns(
  previousRunId: string | null,
  previous: readonly MembershipCluster[],
  next: readonly MembershipCluster[],
): RunDiff {
  // Sets only where needed: most clusters of a run are their previous cluster unchanged, which a
  // comparison of the two sorted member lists shows (server/runs/members-index.ts).
  const index = membersIndex(previous);
  const prevSize = index.size;
  const prevSets: (Set<string> | undefined)[] = [];
  const prevSet = (p: number) => (prevSets[p] ??= new Set(previous[p]!.application_ids));
  const members = next.map((n) => (ascending(n.application_ids) ? n.application_ids : [...new Set(n.application_ids)]));
  const prevById = new Map(previous.map((p, i) => [p.id, i]));

  // sources[n] = previous clusters sharing ≥ 2 applications with new cluster n; targets[p] the reverse.
  const sources: number[][] = next.map(() => []);
  const targets: number[][] = previous.map(() => []);
  const overlap = new Map<number, number>();
  members.forEach((s, n) => {
    overlapsOf(index, s, overlap);
    const src = [...overlap].filter(([, k]) => k >= 2).sort((x, y) => y[1] - x[1] || x[0] - y[0]);
    for (const [p] of src) {
      sources[n]!.push(p);
      targets[p]!.push(n);
    }
  });

  const counts: RunDiff["counts"] = { new: 0, grown: 0, shrunk: 0, merged: 0, split: 0, unchanged: 0, dissolved: 0 };
  const explained = new Set<number>();
  const carried = new Set<number>();
  const clusters = next.map((cluster, n): ClusterDiffEntry => {
    const s = members[n]!;
    const held = prevById.get(cluster.id);
    if (held !== undefined) carried.add(held);
    let change: ClusterChange;
    let compared: number[];
    if (sources[n]!.length >= 2) {
      change = "merged";
      compared = sources[n]!;
    } else if (sources[n]!.some((p) => targets[p]!.length >= 2)) {
      change = "split";
      compared = sources[n]!;
    } else if (held !== undefined) {
      if (sameMembers(s, previous[held]!.application_ids)) {
        counts.unchanged++;
        return {
          id: cluster.id,
          change: "unchanged",
          previous_ids: [previous[held]!.id],
          size: s.length,
          added: 0,
          removed: 0,
        };
      }
      const p = prevSet(held);
      const same = p.size === s.length && s.every((a) => p.has(a));
      change = same ? "unchanged" : s.length < p.size ? "shrunk" : "grown";
      compared = [held];
    } else {
      change = "new";
      compared = sources[n]!;
    }
    if (change === "merged" || change === "split") compared.forEach((p) => explained.add(p));
    counts[change]++;
    const union = new Set<string>();
    for (const p of compared) prevSet(p).forEach((a) => union.add(a));
    let added = 0;
    for (const a of s) if (!union.has(a)) added++;
    const mine = new Set(s);
    let removed = 0;
    for (const a of union) if (!mine.has(a)) removed++;
    return {
      id: cluster.id,
      change,
      previous_ids: compared.map((p) => previous[p]!.id),
      size: s.length,
      added,
      removed,
    };
  });

  const dissolved = previous
    .map((p, i) => ({ i, id: p.id, size: prevSize[i]! }))
    .filter(({ i }) => !carried.has(i) && !explained.has(i))
    .map(({ id, size }) => ({ id, size }));
  counts.dissolved = dissolved.length;
  const splits = previous
    .map((p, i) => ({ previous_id: p.id, into: targets[i]!.map((n) => next[n]!.id) }))
    .filter((x) => x.into.length >= 2);
  return { previous_run_id: previousRunId, counts, clusters, dissolved, splits };
}
