// Creates a service token; only the SHA-256 of its secret is stored.
CREATE (t:ServiceToken)
SET t = $token, t.created_at = datetime(),
    t.expires_at = CASE WHEN $expires_days IS NULL THEN null ELSE datetime() + duration({days: $expires_days}) END
RETURN t {.*, token_hash: null} AS token
