// The chain head: the last entry's sequence number and hash (none before the first append).
OPTIONAL MATCH (h:AuditHead {chain: $chain})
RETURN h.seq AS seq, h.hash AS hash
