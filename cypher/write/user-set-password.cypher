// Replaces a user's password hash; `must_change` forces a change at the next sign-in (resets, first admin).
MATCH (u:User {id: $id})
SET u.password_hash = $password_hash, u.must_change_password = $must_change, u.password_changed_at = datetime(),
    u.updated_at = datetime()
RETURN properties(u) AS user
