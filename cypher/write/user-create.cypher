// Creates a user from a map built in code (fixed keys); a taken username fails on its unique constraint.
CREATE (u:User)
SET u = $user, u.created_at = datetime(), u.updated_at = datetime()
RETURN properties(u) AS user
