// Deletes a slice of one run's clusters (with their links); called until it deletes nothing.
MATCH (c:Cluster {run_id: $run_id})
WITH c LIMIT $limit
DETACH DELETE c
RETURN count(*) AS deleted
