// Incremental detection: every identifier that the given applications (internal ids) use and that two or
// more applications use, in the form of the full read's part 1 (kind code, key, internal ids of all its
// applications), so the cached input can be patched with the links the batch added or removed.
UNWIND $ids AS n
MATCH (a:Application)-[:USES]->(i)
WHERE id(a) = n
WITH DISTINCT i
WHERE COUNT { (i)<-[:USES]-() } > 1
RETURN CASE WHEN i:Email THEN 0 WHEN i:Phone THEN 1 WHEN i:IP THEN 2 WHEN i:Device THEN 3
            WHEN i:Profile THEN 4 WHEN i:Address THEN 5 ELSE 6 END AS k,
       i.key AS key, [(i)<-[:USES]-(b:Application) | id(b)] AS apps
