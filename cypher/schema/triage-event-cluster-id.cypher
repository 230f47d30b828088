CREATE INDEX triage_event_cluster_id IF NOT EXISTS FOR (e:TriageEvent) ON (e.cluster_id)
