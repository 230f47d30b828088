// How many watchlist entries exist (count store, constant time): ingest skips the per-batch lookup at 0.
MATCH (w:WatchlistEntry) RETURN count(w) AS entries
