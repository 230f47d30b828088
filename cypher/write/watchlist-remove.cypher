// Removes a hand-added entry (automatic ones follow the verdicts and cannot be removed by hand).
MATCH (w:WatchlistEntry {id: $id})
WHERE w.source = 'manual'
WITH w, w {.id, .ref, .kind, .key, .source, .reason, .cluster_id, .added_by, .added_at, .expires_at} AS entry
DETACH DELETE w
RETURN entry
