// Active watchlist entries (no expiry, or expiring later) for the given identifier refs ("kind:key").
UNWIND $refs AS ref
MATCH (w:WatchlistEntry {ref: ref})
WHERE w.expires_at IS NULL OR w.expires_at > datetime()
RETURN w {.id, .ref, .kind, .key, .source, .reason, .cluster_id, .added_by, .added_at, .expires_at} AS entry
ORDER BY entry.ref, entry.id
