// Opens a server-side session; only hashes of the cookie secrets are stored.
CREATE (s:Session {
  id: $id, user_id: $user_id, token_hash: $token_hash, csrf_hash: $csrf_hash,
  created_at: datetime(), last_seen_at: datetime(), expires_at: datetime() + duration({hours: $max_hours}),
  ip: $ip, user_agent: $user_agent
})
RETURN s.expires_at AS expires_at
