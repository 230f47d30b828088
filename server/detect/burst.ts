/**
 * Submission bursts
 * =================
 *
 * The densest run of submissions in a cluster: the most applications from distinct identities that fall
 * within one window of `windowMs` (sliding over the submissions sorted by time). Operators working a farm
 * file several personas' applications in one sitting (indicator G2); unrelated people rarely do.
 */
export interface Burst {
  /** Applications in the densest window. */
  applications: number;
  /** Distinct identities among them. */
  identities: number;
  start: number;
  end: number;
}

export function densestBurst(times: ArrayLike<number>, identity: ArrayLike<number>, windowMs: number): Burst {
  const order = Array.from({ length: times.length }, (_, i) => i).sort((a, b) => times[a]! - times[b]! || a - b);
  const count = new Map<number, number>();
  let best: Burst = { applications: 0, identities: 0, start: 0, end: 0 };
  let lo = 0;
  for (let hi = 0; hi < order.length; hi++) {
    const h = order[hi]!;
    count.set(identity[h]!, (count.get(identity[h]!) ?? 0) + 1);
    while (times[h]! - times[order[lo]!]! > windowMs) {
      const l = order[lo++]!;
      const c = count.get(identity[l]!)! - 1;
      if (c) count.set(identity[l]!, c);
      else count.delete(identity[l]!);
    }
    // Distinct identities first: ten applications of one person in an hour are not a burst of a ring.
    if (count.size > best.identities || (count.size === best.identities && hi - lo + 1 > best.applications))
      best = { applications: hi - lo + 1, identities: count.size, start: times[order[lo]!]!, end: times[h]! };
  }
  return best;
}
