// Drops automatic entries whose cluster is no longer confirmed (or whose identifier left it).
MATCH (w:WatchlistEntry {source: 'confirmed_ring'})
WHERE NOT w.id IN $ids
DETACH DELETE w
RETURN count(*) AS removed
