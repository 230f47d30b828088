// Frees the lock, only if the caller still owns it.
MATCH (l:DetectionLock {name: $name})
WHERE l.owner = $owner
SET l.owner = null, l.run_id = null, l.expires_at = null, l.released_at = datetime()
RETURN count(l) AS released
