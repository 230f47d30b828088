/**
 * Screening score
 * ===============
 *
 * One application at intake is scored with the cluster formula of server/detect/score.ts, applied to the
 * group it would join: the same families, the same functions (linksComponent, indicatorsComponent,
 * sizeComponent, scoreOf) and the same options (the latest finished run's, so a verdict adjustment in
 * force there is in force here), read from what the graph and that run already know instead of from a
 * fresh detection pass.
 *
 *   links      (≤ 40)  per identifier kind the application shares with applications of OTHER applicants
 *                      (another folded name, or no shared personal identifier), common infrastructure
 *                      left out (the run's list, and any identifier used by more applications than
 *                      detection's hard cap for its kind)
 *   patterns   (≤ 75)  the pattern points the joined cluster scored in the run (its `score_breakdown`):
 *                      joining a laptop farm brings the farm's pattern points with it. The joined cluster
 *                      is the highest-risk cluster of the applications it links to, its own earlier
 *                      applications included (a repeat of a reused identity is that identity)
 *   indicators (≤ 30)  the application alone (share 1 or 0): hosting/VPN IP 12, malformed phone 10,
 *                      education inconsistency 10, VoIP 4, phone country 4; plus the burst (+8) when it
 *                      and the applications it links to make a farm burst (burstMinIdentities or more
 *                      applicants, at least half of the group, within burstWindowMinutes)
 *   size       (≤ 30)  6 · log2(identities / 2) of the group it would join (the joined cluster's
 *                      identities, +1 when it is a new applicant to it; else itself and the applicants it
 *                      links to)
 *   honest     (≤ 0)   the joined cluster's honest explanation carries over when the application shares
 *                      nothing that explanation excludes: household (−25) and household shape (−15) when
 *                      it shares no payroll account or profile with it, submitted for others (−30) when
 *                      it shares only a device or IP; one contact hub (−20) when all it shares with anyone
 *                      is one phone number or email
 *
 *   risk_score and risk_level: scoreOf(), detection's knee-and-squash and thresholds.
 *
 * The decision (server/screen/decision.ts) is then read off risk_score and the watchlist.
 */
import { densestBurst } from "../detect/burst.js";
import { K } from "../detect/input.js";
import type { DetectOptions } from "../detect/options.js";
import { isFarmBurst } from "../detect/patterns/laptop-farm.js";
import { indicatorsComponent, linksComponent, scoreOf, sizeComponent, type Score } from "../detect/score.js";
import type { ScoreComponent } from "../common/detection.js";

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

export type ScreenOptions = Pick<DetectOptions, "score" | "thresholds" | "rules" | "burstWindowMinutes">;

/** Honest explanations of the joined cluster, and the kinds that, shared, rule each out. */
const CARRIED: readonly { code: string; points: (o: ScreenOptions["score"]) => number; excludes: number[] }[] = [
  { code: "household", points: (o) => o.household, excludes: [K.payment, K.profile] },
  { code: "household_shape", points: (o) => o.householdShape, excludes: [K.payment, K.profile] },
  {
    code: "submitted_for_others",
    points: (o) => o.submissionChannel,
    excludes: [K.payment, K.profile, K.address, K.email, K.phone],
  },
];

export function screenScore(f: ScreenFacts, opts: ScreenOptions): Score & { burst: boolean } {
  const o = opts.score;
  const identities = f.joined ? f.joined.identities + (f.newIdentity ? 1 : 0) : 1 + f.otherIdentities;
  const burst =
    f.times.length >= opts.rules.burstMinIdentities &&
    isFarmBurst(
      densestBurst(f.times, f.identityOf, opts.burstWindowMinutes * 60_000),
      identities,
      opts.rules.burstMinIdentities,
    );
  const patterns = f.joined?.breakdown.find((c) => c.code === "patterns")?.points ?? 0;
  const breakdown = [
    linksComponent(f.sharedKinds, o),
    patterns ? { code: "patterns", points: patterns } : null,
    indicatorsComponent([f.bits], burst, o),
    sizeComponent(identities, o),
  ].filter((c): c is ScoreComponent => c !== null);
  const kinds = new Set(f.sharedKinds);
  for (const h of CARRIED)
    if (f.joined?.breakdown.some((c) => c.code === h.code) && !h.excludes.some((k) => kinds.has(k)))
      breakdown.push({ code: h.code, points: h.points(o) });
  if (f.sharedIdentifiers === 1 && (kinds.has(K.phone) || kinds.has(K.email)))
    breakdown.push({ code: "one_contact_hub", points: o.oneContactHub });
  return { ...scoreOf(breakdown, opts), burst };
}
