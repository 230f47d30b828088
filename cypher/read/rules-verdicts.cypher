// Every triage verdict that says whether a cluster was a ring: its state, reason codes and patterns as
// they were when the verdict was given.
MATCH (t:Triage)
WHERE t.state IN ['confirmed_ring', 'dismissed']
RETURN t.state AS state, coalesce(t.reason_codes, []) AS reason_codes, coalesce(t.patterns, []) AS patterns,
       t.reason AS reason
