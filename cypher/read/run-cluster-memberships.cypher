// Every cluster of a run with the application ids it held when written (for stable ids and the diff), the
// node's uid and content hash (a next run finding it unchanged links to it).
MATCH (:DetectionRun {id: $run_id})-[f:FOUND]->(c:Cluster)
RETURN c.id AS id, c.application_ids AS application_ids, c.uid AS uid, c.content_hash AS content_hash
ORDER BY coalesce(f.rank, c.rank)
