// Creates or replaces applications (all fields) and links each to its identifiers in normal form.
// Identifier labels are fixed here, one FOREACH per kind; values arrive only as parameters.
UNWIND $rows AS row
MERGE (a:Application {id: row.id})
SET a = row.props
SET a.submitted_at = datetime(row.submitted_at), a.ingested_at = datetime()
FOREACH (x IN row.email | MERGE (n:Email {key: x.key}) ON CREATE SET n += x.props MERGE (a)-[:USES]->(n))
FOREACH (x IN row.phone | MERGE (n:Phone {key: x.key}) ON CREATE SET n += x.props MERGE (a)-[:USES]->(n))
FOREACH (x IN row.ip | MERGE (n:IP {key: x.key}) ON CREATE SET n += x.props MERGE (a)-[:USES]->(n))
FOREACH (x IN row.device | MERGE (n:Device {key: x.key}) ON CREATE SET n += x.props MERGE (a)-[:USES]->(n))
FOREACH (x IN row.profile | MERGE (n:Profile {key: x.key}) ON CREATE SET n += x.props MERGE (a)-[:USES]->(n))
FOREACH (x IN row.address | MERGE (n:Address {key: x.key}) ON CREATE SET n += x.props MERGE (a)-[:USES]->(n))
FOREACH (x IN row.payment | MERGE (n:PaymentAccount {key: x.key}) ON CREATE SET n += x.props MERGE (a)-[:USES]->(n))
