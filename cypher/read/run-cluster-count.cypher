// How many clusters a run holds (found by it, whatever its state), plus those it created that no run holds
// any longer (orphans): checks retention and failures.
CALL () {
  MATCH (:DetectionRun {id: $run_id})-[:FOUND]->(c:Cluster)
  RETURN count(c) AS found
}
CALL () {
  MATCH (c:Cluster {run_id: $run_id})
  WHERE NOT EXISTS { (c)<-[:FOUND]-(:DetectionRun) }
  RETURN count(c) AS orphans
}
RETURN found + orphans AS clusters
