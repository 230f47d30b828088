/**
 * Screening decision
 * ==================
 *
 *   block   risk_score ≥ blockAt (SCREEN_BLOCK_AT, 70: detection's "high"), or a watchlist hit when
 *           SCREEN_WATCHLIST_DECISION is `block` (the default)
 *   review  risk_score ≥ reviewAt (SCREEN_REVIEW_AT, 40: detection's "medium"), or a watchlist hit
 *   clear   otherwise
 */
import type { Decision, ScreenThresholds } from "./types.js";

export function decide(score: number, watchlistHits: number, t: ScreenThresholds): Decision {
  if (score >= t.blockAt || (watchlistHits > 0 && t.watchlistDecision === "block")) return "block";
  if (score >= t.reviewAt || watchlistHits > 0) return "review";
  return "clear";
}
