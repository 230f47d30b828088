// Detection input, part 2 of the full read: the fields detection reads for the applications part 1 found
// sharing something (internal ids, ascending), and one entry per identifier only this application uses (a
// degree lookup): an IP as its key (every IP is looked up in the ASN table), any other kind as its code
// (IDENTIFIER_KINDS order, counted per kind). The shared identifiers, most of an application's links here,
// came with their kinds in part 1 and are not sent again. The time is sent as a float: an integer above
// 2^31 costs the driver several objects to decode.
UNWIND $ids AS n
MATCH (a:Application) WHERE id(a) = n
RETURN n, a.id AS id, toFloat(a.submitted_at.epochMillis) AS t, a.full_name AS name, a.name_key AS nk,
       a.details AS details,
       [(a)-[:USES]->(i) WHERE COUNT { (i)<-[:USES]-() } = 1 |
        CASE WHEN i:IP THEN i.key WHEN i:Email THEN 0 WHEN i:Phone THEN 1 WHEN i:Device THEN 3
             WHEN i:Profile THEN 4 WHEN i:Address THEN 5 ELSE 6 END] AS ls
