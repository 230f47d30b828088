// A batch's identifiers and links, after write/upsert-applications in the same transaction (which holds
// each application's lock and removed its old links). Identifiers are merged and linked in place, one
// index seek per link; each application's identifiers arrive deduplicated, so CREATE of the link is safe.
// A kind an application does not use is absent from its row; properties are named (see
// upsert-applications), a null one is not stored. Labels are fixed here; keys arrive only as parameters.
UNWIND $rows AS row
MATCH (a:Application {id: row.id})
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
