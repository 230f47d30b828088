// Ends a user's sessions, except $keep (the one changing its password) when given.
MATCH (s:Session {user_id: $user_id})
WHERE $keep IS NULL OR s.id <> $keep
DELETE s
RETURN count(*) AS deleted
