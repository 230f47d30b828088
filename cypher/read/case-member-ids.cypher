// Every case's id and frozen member ids (cases are few; the caller intersects them with what it has).
MATCH (c:Case)
RETURN c.id AS id, c.member_ids AS member_ids
ORDER BY c.id
