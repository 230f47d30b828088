// Marks a run that has not finished as failed (an error, a shutdown, or a crashed holder taken over).
MATCH (r:DetectionRun {id: $run_id})
WHERE r.status = 'running'
SET r.status = 'failed', r.error = $error, r.finished_at = datetime()
REMOVE r.progress
RETURN r.id AS id
