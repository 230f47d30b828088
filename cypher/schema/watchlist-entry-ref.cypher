CREATE INDEX watchlist_entry_ref IF NOT EXISTS FOR (w:WatchlistEntry) ON (w.ref)
