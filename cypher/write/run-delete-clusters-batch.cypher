// Unlinks a slice of one run's clusters and deletes those no other run holds (a cluster shared with a later
// run stays, with its members); then, once the run holds none, its own orphans (created but held by no
// run). Called until it touches nothing.
CALL () {
  MATCH (:DetectionRun {id: $run_id})-[f:FOUND]->(c:Cluster)
  WITH f, c LIMIT $limit
  DELETE f
  WITH collect(c) AS unlinked
  CALL (unlinked) {
    UNWIND unlinked AS c
    WITH c
    WHERE NOT EXISTS { (c)<-[:FOUND]-(:DetectionRun) }
    DETACH DELETE c
  }
  RETURN size(unlinked) AS unlinked
}
CALL (unlinked) {
  MATCH (c:Cluster {run_id: $run_id})
  WHERE unlinked = 0 AND NOT EXISTS { (c)<-[:FOUND]-(:DetectionRun) }
  WITH c LIMIT $limit
  DETACH DELETE c
  RETURN count(*) AS orphans
}
RETURN unlinked + orphans AS deleted
