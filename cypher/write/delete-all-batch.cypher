// Empties the database a slice at a time so that a large graph never needs one huge transaction.
MATCH (n)
WITH n LIMIT $limit
DETACH DELETE n
RETURN count(*) AS deleted
