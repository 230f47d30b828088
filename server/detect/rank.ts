/**
 * Queue order
 * ===========
 *
 * The order clusters are listed in (the contract: descending risk_score), with documented tie-breaks so
 * that equal scores never fall back on chance:
 *  1. risk_score, descending;
 *  2. points before squashing (the sum of score_breakdown), descending: above the knee two clusters
 *     can round to one score while their evidence differs;
 *  3. identities, descending (more people behind one scheme);
 *  4. applications, descending;
 *  5. last submission, most recent first (an active ring before a finished one);
 *  6. first application id, ascending (a stable last resort).
 */
import type { DetectedCluster } from "../common/detection.js";

type Rankable = Pick<
  DetectedCluster,
  "risk_score" | "application_ids" | "score_breakdown" | "identities" | "last_submitted_at"
>;

const pointsOf = (c: Rankable) => (c.score_breakdown ?? []).reduce((s, x) => s + x.points, 0);

interface Keyed<T> {
  c: T;
  points: number;
  identities: number;
  last: string;
  first: string;
}

const keyOf = <T extends Rankable>(c: T): Keyed<T> => ({
  c,
  points: Math.round(pointsOf(c) * 1000),
  identities: c.identities ?? 0,
  last: c.last_submitted_at ?? "",
  first: c.application_ids[0] ?? "",
});

const compare = <T extends Rankable>(a: Keyed<T>, b: Keyed<T>) =>
  b.c.risk_score - a.c.risk_score ||
  b.points - a.points ||
  b.identities - a.identities ||
  b.c.application_ids.length - a.c.application_ids.length ||
  (a.last === b.last ? 0 : a.last < b.last ? 1 : -1) ||
  (a.first === b.first ? 0 : a.first < b.first ? -1 : 1);

/**
 * The clusters in queue order (a new array; the input is not changed). A list already in that order (a
 * run ranks what detection ranked) is keyed and checked pair by pair, not sorted.
 */
export function rankClusters<T extends Rankable>(clusters: readonly T[]): T[] {
  const keyed: Keyed<T>[] = [];
  let ranked = true;
  for (const c of clusters) {
    const k = keyOf(c);
    if (ranked && keyed.length && compare(keyed[keyed.length - 1]!, k) > 0) ranked = false;
    keyed.push(k);
  }
  if (!ranked) keyed.sort(compare);
  return keyed.map((k) => k.c);
}
