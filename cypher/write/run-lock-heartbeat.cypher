// Refreshes the lock while its owner still holds it and records the run's progress; held = 0 means the
// lock was lost (taken over as stale) and the run must stop.
MATCH (l:DetectionLock {name: $name})
WHERE l.owner = $owner
SET l.heartbeat_at = datetime(), l.expires_at = datetime() + duration({milliseconds: $ttl_ms})
WITH l
OPTIONAL MATCH (r:DetectionRun {id: l.run_id})
WHERE r.status = 'running'
SET r.progress = $progress
RETURN count(l) AS held
