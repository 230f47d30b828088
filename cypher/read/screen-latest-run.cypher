// The run screening reads: the most recently finished one (its id only; its common-infrastructure list is
// read once per run id and cached by the screening service).
MATCH (r:DetectionRun)
WHERE r.status = 'finished'
RETURN r.id AS run_id
ORDER BY r.finished_at DESC
LIMIT 1
