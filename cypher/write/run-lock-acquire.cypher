// Takes the detection lock when it is free, stale (its holder stopped heartbeating: expires_at passed) or
// already ours. MERGE on the unique name, then a write (contended_at) takes the node's exclusive lock
// before the owner is read, so of two concurrent callers exactly one wins; the other reads the winner.
MERGE (l:DetectionLock {name: $name})
SET l.contended_at = datetime()
WITH l, l.owner AS previous_owner, l.run_id AS previous_run_id, l.heartbeat_at AS previous_heartbeat_at,
     (l.owner IS NULL OR l.expires_at IS NULL OR l.expires_at < datetime() OR l.owner = $owner) AS free
SET l.owner = CASE WHEN free THEN $owner ELSE l.owner END,
    l.run_id = CASE WHEN free THEN $run_id ELSE l.run_id END,
    l.acquired_at = CASE WHEN free THEN datetime() ELSE l.acquired_at END,
    l.heartbeat_at = CASE WHEN free THEN datetime() ELSE l.heartbeat_at END,
    l.expires_at = CASE WHEN free THEN datetime() + duration({milliseconds: $ttl_ms}) ELSE l.expires_at END
RETURN free AS acquired, l.owner AS owner, l.run_id AS run_id, l.heartbeat_at AS heartbeat_at,
       previous_owner, previous_run_id, previous_heartbeat_at
