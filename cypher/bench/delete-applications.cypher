// bench:detect: removes the given applications and the identifiers only they used, so that the batch can be
// ingested again as new applications (the store ends as it began).
UNWIND $ids AS aid
MATCH (a:Application {id: aid})
OPTIONAL MATCH (a)-[:USES]->(i)
WITH a, collect(i) AS identifiers
DETACH DELETE a
WITH identifiers
UNWIND identifiers AS i
WITH DISTINCT i
WHERE NOT (i)<-[:USES]-()
DELETE i
RETURN count(*) AS deleted
