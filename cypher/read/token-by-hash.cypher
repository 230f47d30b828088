// A live (not revoked, not expired) service token by the hash of its secret.
MATCH (t:ServiceToken {token_hash: $token_hash})
WHERE t.revoked_at IS NULL AND (t.expires_at IS NULL OR t.expires_at > datetime())
RETURN t {.id, .name, .scopes, .last_used_at, .created_by, .expires_at} AS token
