// Revokes a service token (kept, for the record); revoking twice keeps the first revocation.
MATCH (t:ServiceToken {id: $id})
SET t.revoked_at = coalesce(t.revoked_at, datetime()), t.revoked_by = coalesce(t.revoked_by, $by)
RETURN t {.*, token_hash: null} AS token
