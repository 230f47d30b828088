// Every application with its identifier refs, in a stable order (graph comparisons and exports).
MATCH (a:Application)
OPTIONAL MATCH (a)-[:USES]->(i)
WITH a, i ORDER BY labels(i)[0], i.key
RETURN a.id AS id, a.full_name AS full_name, a.details AS details,
       [x IN collect(CASE WHEN i IS NULL THEN NULL ELSE labels(i)[0] + ':' + i.key END) WHERE x IS NOT NULL] AS identifiers
ORDER BY id
