// The most recent finished run that had a cluster with this id (to say where a missing cluster went).
MATCH (c:Cluster {id: $id})<-[:FOUND]-(r:DetectionRun)
WHERE r.status = 'finished'
RETURN r.id AS run_id, r.finished_at AS finished_at
ORDER BY r.finished_at DESC
LIMIT 1
