// Keeps an active session from idling out.
MATCH (s:Session {id: $id})
SET s.last_seen_at = datetime()
