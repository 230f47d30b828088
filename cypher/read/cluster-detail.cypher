// One cluster of a finished run (the latest when $run_id is '', else that one) with the run's common-infrastructure
// list and its member applications, each with its identifiers and how many applications use each one: the cluster
// detail in one round trip (name_key groups one person's applications, raw_json gives the values as typed). The
// run's rank and change of the cluster are on its FOUND (on the node for runs written before).
MATCH (r:DetectionRun)
WHERE r.status = 'finished' AND ($run_id = '' OR r.id = $run_id)
WITH r ORDER BY r.finished_at DESC LIMIT 1
MATCH (r)-[f:FOUND]->(c:Cluster {id: $id}) USING INDEX c:Cluster(id)
CALL (c) {
  MATCH (c)-[:HAS_MEMBER]->(a:Application)
  OPTIONAL MATCH (a)-[:USES]->(i)
  WITH a, i, CASE WHEN i IS NULL THEN 0 ELSE COUNT { (i)<-[:USES]-() } END AS used_by
  WITH a, collect(CASE WHEN i IS NULL THEN NULL ELSE {label: labels(i)[0], props: properties(i), used_by: used_by} END) AS identifiers
  ORDER BY a.submitted_at, a.id
  RETURN collect({
    application: a {.id, .full_name, .submitted_at, .name_key, .raw_json, .details},
    identifiers: [x IN identifiers WHERE x IS NOT NULL]
  }) AS members
}
RETURN r.id AS run_id, r.finished_at AS generated_at, r.common_infrastructure_json AS common_infrastructure_json,
       c {.*, rank: coalesce(f.rank, c.rank), change: coalesce(f.change, c.change), previous_ids: coalesce(f.previous_ids, c.previous_ids),
         added: coalesce(f.added, c.added), removed: coalesce(f.removed, c.removed)} AS cluster,
       members
