// Takes a case's write lock for the rest of the transaction, so an update reads, checks and writes the
// case without another update slipping in between.
MATCH (c:Case {id: $id})
SET c.locked_at = $at
RETURN c.id AS id
