// The recorded screening decision of one application, if any.
MATCH (s:Screening {application_id: $application_id})
RETURN s {.application_id, .decision, .risk_score, .run_id, .watchlist_hits, .screened_at, .screened_by} AS screening
