// Links a running run to clusters the previous run stored exactly as this run found them (same node uid,
// same content hash), with this run's rank and change on FOUND; returns the uids it linked, so the caller
// writes every other one in full (run-clusters-create).
MATCH (r:DetectionRun {id: $run_id})
WHERE r.status = 'running'
UNWIND $rows AS row
MATCH (c:Cluster {uid: row.uid})
WHERE c.content_hash = row.content_hash
CREATE (r)-[f:FOUND]->(c)
SET f = row.found
RETURN collect(row.uid) AS linked
