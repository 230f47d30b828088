// Detection input, one row per application: the fields detection reads and its identifiers, each as
// "Label key" when another application uses it too (or it is an IP, looked up in the ASN table) and as
// "Label" alone otherwise (counted, but it cannot link anything), so most keys never leave the server.
MATCH (a:Application)
RETURN a.id AS id, a.submitted_at.epochMillis AS t, a.full_name AS name, a.name_key AS nk,
       a.claimed_country AS cc, a.university AS uni, a.major AS major, a.graduation_date AS grad,
       a.shipping_address AS ship, a.indicators AS ind,
       [(a)-[:USES]->(i) |
         CASE WHEN i:IP OR COUNT { (i)<-[:USES]-() } > 1 THEN labels(i)[0] + ' ' + i.key ELSE labels(i)[0] END] AS ids
