// Takes a cluster back to "new" (no verdict node) and appends the history event saying so.
OPTIONAL MATCH (t:Triage {cluster_id: $cluster_id})
DETACH DELETE t
WITH count(*) AS cleared
CREATE (e:TriageEvent)
SET e = $event
RETURN cleared
