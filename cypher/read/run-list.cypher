// Runs, newest first, one page with the total; the diff itself is left to run-by-id.
MATCH (r:DetectionRun)
WITH r ORDER BY r.started_at DESC
WITH collect(r) AS runs
RETURN size(runs) AS total,
       [r IN runs[$offset..($offset + $limit)] | r {.id, .status, .trigger, .started_at, .finished_at, .error, .counts_json,
         .timings_json, .diff_counts_json, .asn_database_json, .previous_run_id, .progress}] AS runs
