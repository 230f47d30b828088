// Removes sessions past their expiry or idle limit.
MATCH (s:Session)
WHERE s.expires_at <= datetime() OR s.last_seen_at <= datetime() - duration({minutes: $idle_minutes})
DELETE s
RETURN count(*) AS deleted
