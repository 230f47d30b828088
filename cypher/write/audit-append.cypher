// Appends one sealed entry after the head read under the lock; returns nothing (and writes nothing) if
// the head has moved, which the lock makes impossible, so a fork can never be written.
MATCH (h:AuditHead {chain: $chain})
WHERE h.seq = $entry.seq - 1 AND h.hash = $entry.prev_hash
CREATE (e:AuditEntry)
SET e = $entry
SET h.seq = $entry.seq, h.hash = $entry.hash, h.last_at = $entry.at
RETURN e.seq AS seq
