// The applications frozen into a case, as they are in the graph now, each with its identifiers and how
// many applications (in the whole graph) use each one. Ids no longer in the graph come back found=false.
UNWIND range(0, size($ids) - 1) AS idx
WITH idx, $ids[idx] AS id
OPTIONAL MATCH (a:Application {id: id})
CALL (a) {
  OPTIONAL MATCH (a)-[:USES]->(i)
  WITH i, CASE WHEN i IS NULL THEN 0 ELSE COUNT { (i)<-[:USES]-() } END AS used_by
  RETURN [x IN collect(CASE WHEN i IS NULL THEN NULL ELSE {label: labels(i)[0], props: properties(i), used_by: used_by} END)
          WHERE x IS NOT NULL] AS identifiers
}
RETURN id, a IS NOT NULL AS found,
       CASE WHEN a IS NULL THEN NULL ELSE a {.*, raw_json: null, name_key: null} END AS application,
       identifiers
ORDER BY idx
