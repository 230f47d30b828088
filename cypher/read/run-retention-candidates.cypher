// Runs to delete: every non-running run that started before the oldest of the newest $keep finished runs.
MATCH (f:DetectionRun)
WHERE f.status = 'finished'
WITH f ORDER BY f.finished_at DESC
WITH collect(f)[$keep - 1] AS oldest_kept
WITH oldest_kept WHERE oldest_kept IS NOT NULL
MATCH (r:DetectionRun)
WHERE r.status <> 'running' AND r.started_at < oldest_kept.started_at
RETURN r.id AS id
ORDER BY r.started_at
