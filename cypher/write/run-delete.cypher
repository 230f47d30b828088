// Deletes a run node once its clusters are gone; never a running one.
MATCH (r:DetectionRun {id: $run_id})
WHERE r.status <> 'running'
DETACH DELETE r
RETURN count(*) AS deleted
