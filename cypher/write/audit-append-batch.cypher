// Appends a batch of sealed entries after the head read under the lock, and moves the head to the last
// of them; writes nothing (written = 0) if the head is not where the batch was sealed, which the lock
// makes impossible, so a fork can never be written.
MATCH (h:AuditHead {chain: $chain})
WHERE h.seq = $from_seq AND h.hash = $from_hash
SET h.seq = $to_seq, h.hash = $to_hash, h.last_at = $to_at
WITH h
UNWIND $entries AS entry
CREATE (e:AuditEntry)
SET e = entry
RETURN count(e) AS written
