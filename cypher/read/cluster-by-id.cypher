// One cluster of a finished run (the latest when $run_id is '', else that one), with the run's common-infrastructure list.
MATCH (r:DetectionRun)
WHERE r.status = 'finished' AND ($run_id = '' OR r.id = $run_id)
WITH r ORDER BY r.finished_at DESC LIMIT 1
MATCH (c:Cluster {uid: r.id + '/' + $id})
RETURN r.id AS run_id, r.finished_at AS generated_at, r.common_infrastructure_json AS common_infrastructure_json,
       properties(c) AS cluster
