/**
 * API shapes: watchlist
 * =====================
 *
 * A watchlist entry names one identifier (`kind:key`, normal form) that marks an application as touching
 * a known ring: automatically for the identifiers of clusters triaged `confirmed_ring`, or by hand (a
 * lead, with a reason and an optional expiry). Shared by server and client.
 */
import type { IdentifierKind } from "../identifiers.js";

export const WATCHLIST_SOURCES = ["confirmed_ring", "manual"] as const;
export type WatchlistSource = (typeof WATCHLIST_SOURCES)[number];

export interface WatchlistEntry {
  id: string;
  /** `kind:key` with the normal form. */
  ref: string;
  kind: IdentifierKind;
  key: string;
  source: WatchlistSource;
  reason: string;
  /** The confirmed cluster an automatic entry comes from. */
  cluster_id?: string | null;
  added_by: string | null;
  added_at: string;
  expires_at?: string | null;
}

/** As the screening answer shows a hit (the contract's `watchlist_hits`). */
export interface WatchlistHit {
  identifier: string;
  source: string;
  entry_id: string;
}
