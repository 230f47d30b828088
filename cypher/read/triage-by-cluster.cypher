// A cluster's triage verdict (none = new), the cases open on it, its history (oldest first) and, from the
// latest finished run, its members now (null when that run does not hold the cluster).
OPTIONAL MATCH (t:Triage {cluster_id: $cluster_id})
WITH t
OPTIONAL MATCH (r:DetectionRun)
WHERE r.status = 'finished'
WITH t, r ORDER BY r.finished_at DESC LIMIT 1
OPTIONAL MATCH (r)-[:FOUND]->(c:Cluster {id: $cluster_id}) USING INDEX c:Cluster(id)
RETURN properties(t) AS triage,
       r.id AS latest_run_id,
       c.application_ids AS live_application_ids,
       COLLECT { MATCH (k:Case {cluster_id: $cluster_id}) WHERE k.status <> 'closed' RETURN k.id ORDER BY k.id } AS case_ids,
       COLLECT { MATCH (e:TriageEvent {cluster_id: $cluster_id}) RETURN properties(e) ORDER BY e.at, e.seq } AS history
