// Creates a case (properties built in code) with its first history event.
CREATE (c:Case)
SET c = $case
CREATE (c)-[:HAS_EVENT]->(e:CaseEvent)
SET e = $event
RETURN c.id AS id
