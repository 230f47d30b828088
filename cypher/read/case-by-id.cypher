// A case with its history, oldest event first.
MATCH (c:Case {id: $id})
OPTIONAL MATCH (c)-[:HAS_EVENT]->(e:CaseEvent)
WITH c, e ORDER BY e.seq
RETURN properties(c) AS case, [x IN collect(properties(e)) WHERE x IS NOT NULL] AS events
