// The cluster holding this application in the latest finished run, if any.
MATCH (r:DetectionRun)
WHERE r.status = 'finished'
WITH r ORDER BY r.finished_at DESC LIMIT 1
OPTIONAL MATCH (:Application {id: $id})<-[:HAS_MEMBER]-(c:Cluster)
WHERE EXISTS { (c)<-[:FOUND]-(r) }
OPTIONAL MATCH (c)<-[f:FOUND]-(r)
RETURN r.id AS run_id, r.finished_at AS finished_at, r.common_infrastructure_json AS common_infrastructure_json,
       c {.id, .risk_score, .risk_level, .patterns, .size, change: coalesce(f.change, c.change)} AS cluster
