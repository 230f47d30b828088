// A live session (neither past its absolute expiry nor idle too long) and its enabled user.
MATCH (s:Session {token_hash: $token_hash})
WHERE s.expires_at > datetime() AND s.last_seen_at > datetime() - duration({minutes: $idle_minutes})
MATCH (u:User {id: s.user_id})
WHERE NOT coalesce(u.disabled, false)
RETURN s {.id, .csrf_hash, .last_seen_at, .expires_at} AS session,
       u {.id, .username, .display_name, .role, .must_change_password} AS user
