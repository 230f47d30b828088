// A batch's new applications (read/existing-application-ids found none of these ids), their identifiers
// and links in one pass: CREATE, no old links to look for or remove, and no second index seek to find the
// application again. Should another transaction create one of these ids first, the uniqueness constraint
// refuses this one and the ingest writes the batch again through write/upsert-applications (see
// server/ingest/ingest.repository.ts). Properties are named, as there (a null one is not stored; `details`
// packs the descriptive fields, server/db/application-details.ts); each application's identifiers arrive
// deduplicated. Labels are fixed here; values arrive only as parameters.
WITH datetime() AS now
UNWIND $rows AS row
CREATE (a:Application {
  id: row.id,
  full_name: row.props.full_name,
  name_key: row.props.name_key,
  details: row.details,
  raw_json: row.props.raw_json,
  submitted_at: datetime(row.submitted_at),
  ingested_at: now
})
FOREACH (x IN coalesce(row.email, []) |
  MERGE (n:Email {key: x.key})
  ON CREATE SET n.domain = x.props.domain, n.valid = x.props.valid
  CREATE (a)-[:USES]->(n))
FOREACH (x IN coalesce(row.phone, []) |
  MERGE (n:Phone {key: x.key})
  ON CREATE SET n.e164 = x.props.e164, n.valid = x.props.valid, n.malformed = x.props.malformed,
                n.country = x.props.country, n.line_type = x.props.line_type
  CREATE (a)-[:USES]->(n))
FOREACH (x IN coalesce(row.ip, []) |
  MERGE (n:IP {key: x.key})
  ON CREATE SET n.version = x.props.version, n.prefix = x.props.prefix, n.routable = x.props.routable
  CREATE (a)-[:USES]->(n))
FOREACH (x IN coalesce(row.device, []) | MERGE (n:Device {key: x.key}) CREATE (a)-[:USES]->(n))
FOREACH (x IN coalesce(row.profile, []) |
  MERGE (n:Profile {key: x.key})
  ON CREATE SET n.platform = x.props.platform, n.handle = x.props.handle
  CREATE (a)-[:USES]->(n))
FOREACH (x IN coalesce(row.address, []) |
  MERGE (n:Address {key: x.key})
  ON CREATE SET n.sample = x.props.sample
  CREATE (a)-[:USES]->(n))
FOREACH (x IN coalesce(row.payment, []) | MERGE (n:PaymentAccount {key: x.key}) CREATE (a)-[:USES]->(n))
