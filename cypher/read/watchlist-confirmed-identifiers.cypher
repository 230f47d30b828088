// The identifiers of the applications of every cluster triaged `confirmed_ring` (as listed at verdict
// time), with how many applications use each, for the automatic part of the watchlist.
MATCH (t:Triage)
WHERE t.state = 'confirmed_ring'
UNWIND t.application_ids AS aid
MATCH (a:Application {id: aid})-[:USES]->(i)
WITH t, i, COUNT { (i)<-[:USES]-() } AS uses
RETURN t.cluster_id AS cluster_id, t.updated_by AS verdict_by, labels(i)[0] AS label, i.key AS key, uses
ORDER BY cluster_id, label, key
