// One cluster of a finished run (the latest when $run_id is '', else that one), with the run's common-infrastructure list.
// A cluster node may be shared by several runs: what this run says of it (rank, change) is on its FOUND (runs
// written before that kept it on the node).
MATCH (r:DetectionRun)
WHERE r.status = 'finished' AND ($run_id = '' OR r.id = $run_id)
WITH r ORDER BY r.finished_at DESC LIMIT 1
MATCH (r)-[f:FOUND]->(c:Cluster {id: $id}) USING INDEX c:Cluster(id)
RETURN r.id AS run_id, r.finished_at AS generated_at, r.common_infrastructure_json AS common_infrastructure_json,
       c {.*, rank: coalesce(f.rank, c.rank), change: coalesce(f.change, c.change), previous_ids: coalesce(f.previous_ids, c.previous_ids),
         added: coalesce(f.added, c.added), removed: coalesce(f.removed, c.removed)} AS cluster
