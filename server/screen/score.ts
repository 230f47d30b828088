/**
 * Screening score
 * ===============
 *
 * One application at intake is scored with the cluster formula of server/detect/score.ts, applied to the
 * group it would join: the same families, points, caps and functions, read from what the graph and the
 * latest finished run already know instead of from a fresh detection pass.
 *
 *   links      (≤ 40)  linkPoints() over the kinds of identifier the application shares with applications
 *                      of OTHER applicants (another folded name, or no shared personal identifier), common
 *                      infrastructure left out (the run's list, and any identifier used by more
 *                      applications than detection's hard cap for its kind)
 *   patterns   (≤ 75)  the pattern points the joined cluster scored in the run (its `score_breakdown`):
 *                      joining a laptop farm brings the farm's pattern points with it. The joined cluster
 *                      is the highest-risk cluster of the applications it links to, its own earlier
 *                      applications included (a repeat of a reused identity is that identity)
 *   indicators (≤ 30)  indicatorPoints() over the application alone (share 1 or 0): hosting/VPN IP 12,
 *                      malformed phone 10, education inconsistency 10, VoIP 4, phone country 4; plus the
 *                      burst (+8) when it and the applications it links to make a farm burst (three or more
 *                      applicants, at least half of the group, within burstWindowMinutes)
 *   size       (≤ 10)  sizePoints() of the identities of the group it would join (the joined cluster's,
 *                      +1 when it is a new applicant to it; else itself and the applicants it links to)
 *   honest     (≤ 0)   household −25 when the joined cluster was judged a household and the application
 *                      shares no payroll account or profile with it; one contact hub −20 when all it shares
 *                      with anyone is one phone number or email
 *
 *   risk_score = totalScore(): clamp(round(sum), 0, 100); risk_level by detection's thresholds.
 *
 * The decision (server/screen/decision.ts) is then read off risk_score and the watchlist.
 */
import { densestBurst } from "../detect/burst.js";
import { FAMILY_POINTS, ONE_HUB_POINTS } from "../detect/honest.js";
import { K } from "../detect/input.js";
import type { DetectOptions } from "../detect/options.js";
import { isFarmBurst } from "../detect/patterns/laptop-farm.js";
import {
  indicatorPoints,
  linkPoints,
  NO_ADJUSTMENT,
  riskLevel,
  sizePoints,
  totalScore,
  type Score,
} from "../detect/score.js";
import type { ScoreComponent } from "../detect/types.js";

export interface JoinedCluster {
  /** The cluster's stored score breakdown (detection's, from the run). */
  breakdown: readonly ScoreComponent[];
  identities: number;
}

export interface ScreenFacts {
  /** The application's indicator bits (server/detect/input.ts). */
  bits: number;
  /** Kind codes of identifiers shared with other applicants. */
  sharedKinds: readonly number[];
  /** How many distinct identifiers it shares with other applicants. */
  sharedIdentifiers: number;
  joined: JoinedCluster | null;
  /** False when the application is one of the joined cluster's applicants already. */
  newIdentity: boolean;
  /** Distinct other applicants it links to. */
  otherIdentities: number;
  /** Submission times (epoch ms) and applicant labels of it (first) and the applications it links to. */
  times: readonly number[];
  identityOf: readonly number[];
}

const round1 = (x: number) => Math.round(x * 10) / 10;

export function screenScore(f: ScreenFacts, opts: DetectOptions): Score & { burst: boolean } {
  const factor = opts.pointFactor ?? NO_ADJUSTMENT;
  const breakdown: ScoreComponent[] = [];
  const links = linkPoints(f.sharedKinds, factor);
  if (links) breakdown.push({ code: "links", points: round1(links) });
  const patterns = f.joined?.breakdown.find((c) => c.code === "patterns")?.points ?? 0;
  if (patterns) breakdown.push({ code: "patterns", points: patterns });
  const identities = f.joined ? f.joined.identities + (f.newIdentity ? 1 : 0) : 1 + f.otherIdentities;
  const burst =
    f.times.length >= 3 &&
    isFarmBurst(densestBurst(f.times, f.identityOf, opts.burstWindowMinutes * 60_000), identities);
  const indicators = indicatorPoints([f.bits], burst, factor);
  if (indicators) breakdown.push({ code: "indicators", points: indicators });
  const size = sizePoints(identities);
  if (size) breakdown.push({ code: "size", points: size });
  const kinds = new Set(f.sharedKinds);
  if (f.joined?.breakdown.some((c) => c.code === "household") && !kinds.has(K.payment) && !kinds.has(K.profile))
    breakdown.push({ code: "household", points: round1(FAMILY_POINTS * factor("household")) });
  if (f.sharedIdentifiers === 1 && (kinds.has(K.phone) || kinds.has(K.email)))
    breakdown.push({ code: "one_contact_hub", points: round1(ONE_HUB_POINTS * factor("one_contact_hub")) });
  const score = totalScore(breakdown);
  return { score, level: riskLevel(score, opts.thresholds), breakdown, burst };
}
