// Applications that are plainly the same person as this one (the detection rule in one hop): they share
// a personal identifier (email, phone, profile, payment account) and carry the same folded name.
MATCH (a:Application {id: $id})-[:USES]->(i)<-[:USES]-(b:Application)
WHERE (i:Email OR i:Phone OR i:Profile OR i:PaymentAccount)
  AND b.name_key = a.name_key AND COUNT { (i)<-[:USES]-() } <= $max_degree
WITH b, collect(DISTINCT labels(i)[0] + ':' + i.key) AS via
RETURN b {.id, .full_name, .submitted_at, .details} AS application, via
ORDER BY b.submitted_at, b.id
LIMIT $limit
