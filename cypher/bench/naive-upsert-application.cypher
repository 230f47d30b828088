// Baseline for bench:ingest only: one application per transaction, every identifier and link MERGEd
// in place, the way a first implementation would write it.
MERGE (a:Application {id: $row.id})
SET a = $row.props
SET a.details = $row.details, a.submitted_at = datetime($row.submitted_at)
FOREACH (x IN coalesce($row.email, []) | MERGE (n:Email {key: x.key}) ON CREATE SET n += x.props MERGE (a)-[:USES]->(n))
FOREACH (x IN coalesce($row.phone, []) | MERGE (n:Phone {key: x.key}) ON CREATE SET n += x.props MERGE (a)-[:USES]->(n))
FOREACH (x IN coalesce($row.ip, []) | MERGE (n:IP {key: x.key}) ON CREATE SET n += x.props MERGE (a)-[:USES]->(n))
FOREACH (x IN coalesce($row.device, []) | MERGE (n:Device {key: x.key}) ON CREATE SET n += x.props MERGE (a)-[:USES]->(n))
FOREACH (x IN coalesce($row.profile, []) | MERGE (n:Profile {key: x.key}) ON CREATE SET n += x.props MERGE (a)-[:USES]->(n))
FOREACH (x IN coalesce($row.address, []) | MERGE (n:Address {key: x.key}) ON CREATE SET n += x.props MERGE (a)-[:USES]->(n))
FOREACH (x IN coalesce($row.payment, []) | MERGE (n:PaymentAccount {key: x.key}) ON CREATE SET n += x.props MERGE (a)-[:USES]->(n))
