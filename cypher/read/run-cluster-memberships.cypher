// Every cluster of a run with the application ids it held when written (for stable ids and the diff).
MATCH (:DetectionRun {id: $run_id})-[:FOUND]->(c:Cluster)
RETURN c.id AS id, c.application_ids AS application_ids
ORDER BY c.rank
