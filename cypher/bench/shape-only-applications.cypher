// bench:ingest only: the graph shape of a batch (each application, its identifiers, its links) with no
// other properties, in one pass. Measures what Neo4j alone needs for the nodes, relationships and
// unique-index entries that any write of this model must make: the ceiling for transactional ingest. A kind
// an application does not use is absent from its row, as in the pipeline's rows.
UNWIND $rows AS row
MERGE (a:Application {id: row.id})
FOREACH (x IN coalesce(row.email, []) | MERGE (n:Email {key: x.key}) CREATE (a)-[:USES]->(n))
FOREACH (x IN coalesce(row.phone, []) | MERGE (n:Phone {key: x.key}) CREATE (a)-[:USES]->(n))
FOREACH (x IN coalesce(row.ip, []) | MERGE (n:IP {key: x.key}) CREATE (a)-[:USES]->(n))
FOREACH (x IN coalesce(row.device, []) | MERGE (n:Device {key: x.key}) CREATE (a)-[:USES]->(n))
FOREACH (x IN coalesce(row.profile, []) | MERGE (n:Profile {key: x.key}) CREATE (a)-[:USES]->(n))
FOREACH (x IN coalesce(row.address, []) | MERGE (n:Address {key: x.key}) CREATE (a)-[:USES]->(n))
FOREACH (x IN coalesce(row.payment, []) | MERGE (n:PaymentAccount {key: x.key}) CREATE (a)-[:USES]->(n))
