// An application's neighbourhood to draw: its identifiers (with how many applications use each) and,
// per identifier, up to $per applications using it besides this one (newest first).
MATCH (a:Application {id: $id})-[:USES]->(i)
CALL (a, i) {
  MATCH (i)<-[:USES]-(b:Application)
  WHERE b <> a
  WITH b ORDER BY b.submitted_at DESC, b.id
  LIMIT $per
  RETURN collect(b {.id, .full_name, .submitted_at, .details}) AS others
}
RETURN labels(i)[0] AS label, properties(i) AS props, COUNT { (i)<-[:USES]-() } AS used_by, others
