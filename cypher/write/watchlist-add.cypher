// A watchlist entry added by hand (source 'manual'), with its reason and optional expiry.
CREATE (w:WatchlistEntry {id: $id, ref: $ref, kind: $kind, key: $key, source: 'manual', reason: $reason,
                          added_by: $added_by, added_at: datetime()})
SET w.expires_at = CASE WHEN $expires_at IS NULL THEN NULL ELSE datetime($expires_at) END
RETURN w {.id, .ref, .kind, .key, .source, .reason, .cluster_id, .added_by, .added_at, .expires_at} AS entry
