// Incremental detection: the applications ingested at or after $since (an ISO date-time; range index on
// ingested_at), in ascending internal id, with the fields detection reads (as detect-applications-by-id
// gives them) and, in one expansion, per identifier used: its kind code, key, internal id and how many
// applications use it (a degree lookup), so the shared ones come without a second read.
MATCH (a:Application)
WHERE a.ingested_at >= datetime($since)
WITH a
ORDER BY id(a)
RETURN id(a) AS n, a.id AS id, a.submitted_at.epochMillis AS t, a.full_name AS name, a.name_key AS nk,
       a.details AS details,
       [(a)-[:USES]->(i) |
        [CASE WHEN i:Email THEN 0 WHEN i:Phone THEN 1 WHEN i:IP THEN 2 WHEN i:Device THEN 3
              WHEN i:Profile THEN 4 WHEN i:Address THEN 5 ELSE 6 END,
         i.key, id(i), COUNT { (i)<-[:USES]-() }]] AS uses
