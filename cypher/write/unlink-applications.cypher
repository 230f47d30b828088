// Removes the identifier links of applications about to be re-written; returns the identifiers they used
// so that those left unused afterwards can be deleted.
UNWIND $ids AS id
MATCH (a:Application {id: id})-[r:USES]->(i)
DELETE r
RETURN DISTINCT elementId(i) AS eid
