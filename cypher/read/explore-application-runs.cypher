// Every retained finished run that placed this application in a cluster, newest first: its history (runs share
// an unchanged cluster's node; each run's change is on its FOUND, on the node for runs written before).
MATCH (:Application {id: $id})<-[:HAS_MEMBER]-(c:Cluster)<-[f:FOUND]-(r:DetectionRun)
WHERE r.status = 'finished'
RETURN r.id AS run_id, r.finished_at AS finished_at, c.id AS cluster_id, c.risk_score AS risk_score,
       c.risk_level AS risk_level, c.patterns AS patterns, c.size AS size, coalesce(f.change, c.change) AS change
ORDER BY r.finished_at DESC
