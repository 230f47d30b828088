// Every service token, without hashes, newest first.
MATCH (t:ServiceToken)
RETURN t {.*, token_hash: null} AS token
ORDER BY t.created_at DESC
