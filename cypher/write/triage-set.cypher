// Records a verdict on a cluster (fields built in code) and appends its history event.
MERGE (t:Triage {cluster_id: $cluster_id})
SET t = $triage
CREATE (e:TriageEvent)
SET e = $event
RETURN t.cluster_id AS cluster_id
