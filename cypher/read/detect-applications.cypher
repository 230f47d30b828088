// Detection input, one row per application: the fields detection reads and its identifiers, each as
// "Label key" when another application uses it too, "~ip" for an IP nothing else uses (looked up in the
// ASN table, not kept) and "Label" alone otherwise (counted; it cannot link anything), so that most keys
// never leave the server.
MATCH (a:Application)
RETURN a.id AS id, a.submitted_at.epochMillis AS t, a.full_name AS name, a.name_key AS nk,
       a.university AS uni, a.major AS major, a.graduation_date AS grad, a.shipping_address AS ship,
       a.indicators AS ind,
       [(a)-[:USES]->(i) |
         CASE WHEN COUNT { (i)<-[:USES]-() } > 1 THEN labels(i)[0] + ' ' + i.key
              WHEN i:IP THEN '~' + i.key
              ELSE labels(i)[0] END] AS ids
