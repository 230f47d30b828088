// The run readers see: the most recently finished one (never a running or failed run).
MATCH (r:DetectionRun)
WHERE r.status = 'finished'
RETURN r.id AS id, r.finished_at AS finished_at, r.common_infrastructure_json AS common_infrastructure_json
ORDER BY r.finished_at DESC
LIMIT 1
