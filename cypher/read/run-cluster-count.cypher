// How many Cluster nodes carry a run id (finished, running or orphaned): checks retention and failures.
MATCH (c:Cluster {run_id: $run_id})
RETURN count(c) AS clusters
