MATCH (t:ServiceToken {id: $id})
SET t.last_used_at = datetime()
