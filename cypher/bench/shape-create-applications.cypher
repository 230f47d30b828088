// bench:ingest only: write/create-applications with nothing but the graph's shape (each application's id,
// its identifiers' keys, its links): the pipeline's own path and statement form with no property beyond the
// unique keys, so the pipeline's Neo4j CPU above this run's is what properties and their index entries cost.
// A kind an application does not use is absent from its row, as in the pipeline's rows.
UNWIND $rows AS row
CREATE (a:Application {id: row.id})
FOREACH (x IN coalesce(row.email, []) | MERGE (n:Email {key: x.key}) CREATE (a)-[:USES]->(n))
FOREACH (x IN coalesce(row.phone, []) | MERGE (n:Phone {key: x.key}) CREATE (a)-[:USES]->(n))
FOREACH (x IN coalesce(row.ip, []) | MERGE (n:IP {key: x.key}) CREATE (a)-[:USES]->(n))
FOREACH (x IN coalesce(row.device, []) | MERGE (n:Device {key: x.key}) CREATE (a)-[:USES]->(n))
FOREACH (x IN coalesce(row.profile, []) | MERGE (n:Profile {key: x.key}) CREATE (a)-[:USES]->(n))
FOREACH (x IN coalesce(row.address, []) | MERGE (n:Address {key: x.key}) CREATE (a)-[:USES]->(n))
FOREACH (x IN coalesce(row.payment, []) | MERGE (n:PaymentAccount {key: x.key}) CREATE (a)-[:USES]->(n))
