/**
 * Run annotation
 * ==============
 *
 * Optional cluster fields a detection run adds from outside detection, before the clusters are written:
 * `touches_confirmed_ring` and `watchlist_hits` (members using an identifier on the active watchlist,
 * the members of the ring an automatic entry came from excepted: a new application near a confirmed ring
 * brings its cluster back to the queue), and `blocked_at_intake` (members screened `block` and recorded).
 * The automatic watchlist is rebuilt from the verdicts first.
 */
import type { ContractCluster } from "../common/detection.js";
import type { ScreenRepository } from "./screen.repository.js";
import type { WatchlistRepository } from "../watchlist/watchlist.repository.js";
import type { WatchlistService } from "../watchlist/watchlist.service.js";

export function clusterAnnotator(deps: {
  watchlist: WatchlistService;
  repo: WatchlistRepository;
  screen: ScreenRepository;
}) {
  return async (clusters: ContractCluster[]): Promise<void> => {
    await deps.watchlist.syncConfirmed();
    const [touching, blocked] = await Promise.all([
      deps.repo.touchingApplications(),
      deps.screen.blockedApplications(),
    ]);
    if (!touching.size && !blocked.size) return;
    for (const c of clusters) {
      const refs = new Set<string>();
      const blockedHere: string[] = [];
      for (const id of c.application_ids) {
        for (const r of touching.get(id) ?? []) refs.add(r);
        if (blocked.has(id)) blockedHere.push(id);
      }
      if (refs.size) {
        c.touches_confirmed_ring = true;
        c.watchlist_hits = [...refs].sort();
      }
      if (blockedHere.length) c.blocked_at_intake = blockedHere;
    }
  };
}
