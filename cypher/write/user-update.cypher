// Changes a user's role, display name or disabled flag ($changes has fixed keys chosen in code) and
// returns the user as it was before and after, for the audit trail.
MATCH (u:User {id: $id})
WITH u, properties(u) AS before
SET u += $changes, u.updated_at = datetime()
RETURN before, properties(u) AS user
