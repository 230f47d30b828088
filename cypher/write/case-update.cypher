// Applies changed fields ($changes: fixed keys chosen in code), bumps the version and appends the
// history event describing the change.
MATCH (c:Case {id: $id})
SET c += $changes, c.version = c.version + 1, c.updated_at = $event.at, c.event_count = $event.seq
CREATE (c)-[:HAS_EVENT]->(e:CaseEvent)
SET e = $event
RETURN c.version AS version
