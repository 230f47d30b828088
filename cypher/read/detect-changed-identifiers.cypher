// Incremental detection: every identifier that the given applications (internal ids) use and that two or
// more applications use, with its kind code, key, internal id and which of the given applications use it.
// Its other users are read only when the previous run's input did not hold it (detect-identifier-users):
// an identifier the input held already lists them.
UNWIND $ids AS n
MATCH (a:Application)-[:USES]->(i)
WHERE id(a) = n
WITH i, collect(DISTINCT n) AS users
WHERE COUNT { (i)<-[:USES]-() } > 1
RETURN CASE WHEN i:Email THEN 0 WHEN i:Phone THEN 1 WHEN i:IP THEN 2 WHEN i:Device THEN 3
            WHEN i:Profile THEN 4 WHEN i:Address THEN 5 ELSE 6 END AS k,
       i.key AS key, id(i) AS m, users
