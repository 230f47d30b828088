// Creates or replaces a batch of applications' fields and removes the links they had (a new
// application has none, so this costs it one empty expansion); write/merge-identifiers before it and
// write/link-applications after it, in the same transaction, write the identifiers and the links.
// MERGE takes each application's write lock first, so a concurrent ingest of the same id waits and then
// sees (and removes) the links written before it rather than duplicating them. Null properties are
// left out of the maps. Returns the identifiers that lost a link, for orphan clean-up.
UNWIND $rows AS row
MERGE (a:Application {id: row.id})
SET a = row.props, a.submitted_at = datetime(row.submitted_at), a.ingested_at = datetime()
WITH a
OPTIONAL MATCH (a)-[r:USES]->(old)
DELETE r
WITH DISTINCT old
WHERE old IS NOT NULL
RETURN elementId(old) AS eid
