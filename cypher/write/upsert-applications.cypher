// Creates or replaces a batch of applications with all their fields and identifier links, in one pass.
// MERGE takes each application's write lock first, so a concurrent ingest of the same id waits and then
// sees (and removes) the links written before it rather than duplicating them. Identifiers are merged
// and linked in place (one index seek per link); each application's identifiers arrive deduplicated,
// so CREATE of the link is safe. A kind an application does not use is absent from its row, and null
// properties are left out of the maps. Returns the identifiers that lost a link, for orphan clean-up.
// Labels are fixed here; keys and properties arrive only as parameters.
UNWIND $rows AS row
MERGE (a:Application {id: row.id})
SET a = row.props, a.submitted_at = datetime(row.submitted_at), a.ingested_at = datetime()
WITH a, row
CALL (a) {
  OPTIONAL MATCH (a)-[r:USES]->(old)
  DELETE r
  RETURN collect(elementId(old)) AS previous
}
FOREACH (x IN coalesce(row.email, []) | MERGE (n:Email {key: x.key}) ON CREATE SET n += x.props CREATE (a)-[:USES]->(n))
FOREACH (x IN coalesce(row.phone, []) | MERGE (n:Phone {key: x.key}) ON CREATE SET n += x.props CREATE (a)-[:USES]->(n))
FOREACH (x IN coalesce(row.ip, []) | MERGE (n:IP {key: x.key}) ON CREATE SET n += x.props CREATE (a)-[:USES]->(n))
FOREACH (x IN coalesce(row.device, []) | MERGE (n:Device {key: x.key}) ON CREATE SET n += x.props CREATE (a)-[:USES]->(n))
FOREACH (x IN coalesce(row.profile, []) | MERGE (n:Profile {key: x.key}) ON CREATE SET n += x.props CREATE (a)-[:USES]->(n))
FOREACH (x IN coalesce(row.address, []) | MERGE (n:Address {key: x.key}) ON CREATE SET n += x.props CREATE (a)-[:USES]->(n))
FOREACH (x IN coalesce(row.payment, []) | MERGE (n:PaymentAccount {key: x.key}) ON CREATE SET n += x.props CREATE (a)-[:USES]->(n))
WITH previous WHERE size(previous) > 0
UNWIND previous AS eid
RETURN DISTINCT eid
