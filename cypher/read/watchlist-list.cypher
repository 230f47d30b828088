// Watchlist entries, newest first; $active = true keeps only those not expired.
MATCH (w:WatchlistEntry)
WHERE NOT $active OR w.expires_at IS NULL OR w.expires_at > datetime()
WITH w ORDER BY w.added_at DESC, w.id
WITH collect(w {.id, .ref, .kind, .key, .source, .reason, .cluster_id, .added_by, .added_at, .expires_at}) AS listed
RETURN size(listed) AS total, listed[$offset..$offset + $limit] AS entries
