// What screening reads of a finished run, once per run id: its common-infrastructure list and the
// detection options it ran with (both as stored, JSON).
MATCH (r:DetectionRun {id: $run_id})
RETURN r.common_infrastructure_json AS common_infrastructure_json, r.parameters_json AS parameters_json
