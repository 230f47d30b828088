// Creates or replaces a batch of applications' fields and removes the links they had (a new application
// has none: one empty expansion); write/link-applications then writes its identifiers and links in the
// same transaction. MERGE takes each application's write lock first, so a concurrent ingest of the same
// id waits and then sees (and removes) the links written before it rather than duplicating them. Every
// property is named (a missing key reads as null, which removes it, as `SET a = map` would): a map's keys
// are unknown to the planner, which then buffers the whole batch (Eager) between steps. ingested_at is the
// statement's time, read once. Returns the identifiers that lost a link, for orphan clean-up.
WITH datetime() AS now
UNWIND $rows AS row
MERGE (a:Application {id: row.id})
SET a.full_name = row.props.full_name,
    a.name_key = row.props.name_key,
    a.details = row.details,
    a.raw_json = row.props.raw_json,
    a.submitted_at = datetime(row.submitted_at),
    a.ingested_at = now
WITH a
OPTIONAL MATCH (a)-[r:USES]->(old)
DELETE r
WITH DISTINCT old
WHERE old IS NOT NULL
RETURN elementId(old) AS eid
