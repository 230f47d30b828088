CREATE CONSTRAINT watchlist_entry_id_unique IF NOT EXISTS FOR (w:WatchlistEntry) REQUIRE w.id IS UNIQUE
