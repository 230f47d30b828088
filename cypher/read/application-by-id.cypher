// One application (its packed `details` are unpacked by the repository) with its identifiers and, per identifier, how many applications use it.
MATCH (a:Application {id: $id})
OPTIONAL MATCH (a)-[:USES]->(i)
WITH a, i, CASE WHEN i IS NULL THEN 0 ELSE COUNT { (i)<-[:USES]-() } END AS used_by
RETURN a {.*} AS application,
       [x IN collect(CASE WHEN i IS NULL THEN NULL ELSE {labels: labels(i), props: properties(i), used_by: used_by} END) WHERE x IS NOT NULL] AS identifiers
