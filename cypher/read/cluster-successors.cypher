// Where a cluster's applications are now: its members as of the last finished run that held it, and the
// clusters of the latest finished run holding any of them (with how many each holds).
MATCH (old:Cluster {id: $cluster_id})<-[:FOUND]-(seen:DetectionRun)
WHERE seen.status = 'finished'
WITH old, seen ORDER BY seen.finished_at DESC LIMIT 1
MATCH (latest:DetectionRun)
WHERE latest.status = 'finished'
WITH old, seen, latest ORDER BY latest.finished_at DESC LIMIT 1
OPTIONAL MATCH (a:Application)<-[:HAS_MEMBER]-(n:Cluster)
WHERE a.id IN old.application_ids AND EXISTS { (n)<-[:FOUND]-(latest) }
WITH old, seen, latest, n, count(a) AS held
ORDER BY held DESC, n.risk_score DESC
RETURN seen.id AS last_seen_run_id, seen.finished_at AS last_seen_at, latest.id AS run_id,
       old.application_ids AS application_ids,
       [x IN collect(CASE WHEN n IS NULL THEN null ELSE {id: n.id, held: held, size: n.size, risk_level: n.risk_level,
         risk_score: n.risk_score, patterns: n.patterns} END) WHERE x IS NOT NULL] AS clusters
