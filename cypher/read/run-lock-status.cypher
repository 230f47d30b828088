// The detection lock as stored, with whether it is live (held and not expired).
MATCH (l:DetectionLock {name: $name})
RETURN l.owner AS owner, l.run_id AS run_id, l.heartbeat_at AS heartbeat_at, l.expires_at AS expires_at,
       (l.owner IS NOT NULL AND l.expires_at >= datetime()) AS live
