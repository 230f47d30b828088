// Writes a batch of a running run's clusters it does not share with the previous run: each a node (what the
// cluster is, keyed by the creating run's id and its own) found by the run (the run's rank and change on
// FOUND), with its HAS_MEMBER links. Members no longer in the graph are skipped (their ids stay in
// application_ids).
MATCH (r:DetectionRun {id: $run_id})
WHERE r.status = 'running'
UNWIND $rows AS row
CREATE (c:Cluster)
SET c = row.props,
    c.uid = $run_id + '/' + row.props.id,
    c.run_id = $run_id,
    c.content_hash = row.content_hash,
    c.first_submitted_at = datetime(row.first_submitted_at),
    c.last_submitted_at = datetime(row.last_submitted_at)
CREATE (r)-[f:FOUND]->(c)
SET f = row.found
WITH c, row
CALL (c, row) {
  UNWIND row.props.application_ids AS aid
  MATCH (a:Application {id: aid})
  CREATE (c)-[:HAS_MEMBER]->(a)
}
RETURN count(c) AS written
