// Applications blocked at intake (a recorded screening decision of `block`).
MATCH (s:Screening)
WHERE s.decision = 'block'
RETURN s.application_id AS application_id
