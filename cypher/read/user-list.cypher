// Every user, without password hashes.
MATCH (u:User)
RETURN u {.*, password_hash: null} AS user
ORDER BY u.username
