// A finished run's common-infrastructure list, as stored (JSON).
MATCH (r:DetectionRun {id: $run_id})
RETURN r.common_infrastructure_json AS common_infrastructure_json
