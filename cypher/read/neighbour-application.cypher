// An application and one page of its identifiers (with usage counts), plus how many it has.
MATCH (a:Application {id: $id})
CALL (a) {
  OPTIONAL MATCH (a)-[:USES]->(i)
  WITH i ORDER BY labels(i)[0], i.key
  SKIP $offset LIMIT $limit
  RETURN [x IN collect(CASE WHEN i IS NULL THEN NULL ELSE {label: labels(i)[0], props: properties(i), used_by: COUNT { (i)<-[:USES]-() }} END) WHERE x IS NOT NULL] AS neighbours
}
RETURN a {.id, .full_name, .submitted_at, .details} AS application,
       COUNT { (a)-[:USES]->() } AS total, neighbours
