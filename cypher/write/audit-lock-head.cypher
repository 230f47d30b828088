// Takes the chain head's write lock for the rest of the transaction (creating the head on first use;
// its unique constraint stops two first appends from making two heads). Every append starts here, so
// appends are serialised and no two entries can share a predecessor.
MERGE (h:AuditHead {chain: $chain})
ON CREATE SET h.seq = 0, h.hash = $genesis
SET h.locked_at = datetime()
