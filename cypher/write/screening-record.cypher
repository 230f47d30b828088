// Keeps the screening decision of a recorded application beside it (a node of its own, so that a later
// re-ingest of the application, which replaces its properties, does not erase it).
MERGE (s:Screening {application_id: $application_id})
SET s.decision = $decision, s.risk_score = $risk_score, s.run_id = $run_id, s.reasons_json = $reasons_json,
    s.watchlist_hits = $watchlist_hits, s.screened_at = datetime(), s.screened_by = $screened_by
WITH s
MATCH (a:Application {id: $application_id})
MERGE (a)-[:SCREENED]->(s)
RETURN s.decision AS decision
