// Writes the automatic entries (identifiers of confirmed rings); ids are "ring:<cluster id>:<ref>".
UNWIND $entries AS e
MERGE (w:WatchlistEntry {id: e.id})
ON CREATE SET w.added_at = datetime()
SET w.ref = e.ref, w.kind = e.kind, w.key = e.key, w.source = 'confirmed_ring', w.cluster_id = e.cluster_id,
    w.reason = e.reason, w.added_by = e.added_by
RETURN count(w) AS written
