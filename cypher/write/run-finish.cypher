// Makes a run visible: only while its owner still holds the lock, in one statement, after every cluster
// batch has been committed.
MATCH (l:DetectionLock {name: $name})
WHERE l.owner = $owner AND l.run_id = $run_id
MATCH (r:DetectionRun {id: $run_id})
WHERE r.status = 'running'
SET r += $props, r.status = 'finished', r.finished_at = datetime()
REMOVE r.progress
RETURN r.id AS id, r.finished_at AS finished_at
