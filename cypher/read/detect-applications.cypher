// Detection input: one row per application that shares at least one identifier with another (no other
// application can ever be in a cluster), with the fields detection reads and its identifiers, each as
// "Label key" when another application uses it too, "~ip" for an IP nothing else uses (looked up in the
// ASN table, not kept) and "Label" alone otherwise (counted; it cannot link anything). Only the shared
// form contains a space, which is what the filter tests; properties are read after it, for the rows kept.
MATCH (a:Application)
WITH a, [(a)-[:USES]->(i) |
         CASE WHEN size([(i)<-[:USES]-(b) | b]) > 1 THEN labels(i)[0] + ' ' + i.key
              WHEN i:IP THEN '~' + i.key
              ELSE labels(i)[0] END] AS ids
WHERE any(x IN ids WHERE x CONTAINS ' ')
RETURN a.id AS id, a.submitted_at.epochMillis AS t, a.full_name AS name, a.name_key AS nk,
       a.university AS uni, a.major AS major, a.graduation_date AS grad, a.shipping_address AS ship,
       a.indicators AS ind, ids
