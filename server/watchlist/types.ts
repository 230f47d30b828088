/**
 * Watchlist types
 * ===============
 *
 * A watchlist entry names one identifier (`kind:key`, normal form) that marks an application as touching
 * a known ring: automatically for the identifiers of clusters triaged `confirmed_ring`, or by hand (a lead,
 * with a reason and an optional expiry).
 */
import type { WatchlistEntry, WatchlistHit } from "../common/api/watchlist.js";

/** The indicator ingest puts on an application that uses a watchlisted identifier. */
export { WATCHLIST_HIT as WATCHLIST_INDICATOR } from "../ingest/ingest.repository.js";

export function hitSource(e: WatchlistEntry): string {
  if (e.source === "confirmed_ring")
    return `cluster ${e.cluster_id ?? "?"}, confirmed ring${e.added_by ? ` (verdict by ${e.added_by})` : ""}`;
  const until = e.expires_at ? `, until ${e.expires_at.slice(0, 10)}` : "";
  return `added by ${e.added_by ?? "?"}: ${e.reason}${until}`;
}

/** An entry as the screening answer lists it; sorted by identifier, then entry id, as the API shows hits. */
export function asHits(entries: WatchlistEntry[]): WatchlistHit[] {
  return [...entries]
    .sort((a, b) => (a.ref < b.ref ? -1 : a.ref > b.ref ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((e) => ({ identifier: e.ref, source: hitSource(e), entry_id: e.id }));
}
