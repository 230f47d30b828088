// Detection input, part 2: the fields detection reads for the applications part 1 found sharing something
// (internal ids, ascending), and one entry per identifier it uses, in one expansion: an IP as its key
// (every IP is looked up in the ASN table; the shared ones are also links), any other kind as its code
// (IDENTIFIER_KINDS order, counted per kind).
UNWIND $ids AS n
MATCH (a:Application) WHERE id(a) = n
RETURN n, a.id AS id, a.submitted_at.epochMillis AS t, a.full_name AS name, a.name_key AS nk,
       a.details AS details,
       [(a)-[:USES]->(i) |
        CASE WHEN i:IP THEN i.key WHEN i:Email THEN 0 WHEN i:Phone THEN 1 WHEN i:Device THEN 3
             WHEN i:Profile THEN 4 WHEN i:Address THEN 5 ELSE 6 END] AS ls
