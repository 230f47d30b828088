// A batch's links, after write/merge-identifiers and write/upsert-applications in the same
// transaction: one list of {id, key} per label, each application's identifiers distinct, so CREATE is
// safe. Both ends exist and are locked by this transaction (its MERGEs), so plain index seeks find them.
CALL () { UNWIND $email AS l MATCH (a:Application {id: l.id}) MATCH (n:Email {key: l.key}) CREATE (a)-[:USES]->(n) }
CALL () { UNWIND $phone AS l MATCH (a:Application {id: l.id}) MATCH (n:Phone {key: l.key}) CREATE (a)-[:USES]->(n) }
CALL () { UNWIND $ip AS l MATCH (a:Application {id: l.id}) MATCH (n:IP {key: l.key}) CREATE (a)-[:USES]->(n) }
CALL () { UNWIND $device AS l MATCH (a:Application {id: l.id}) MATCH (n:Device {key: l.key}) CREATE (a)-[:USES]->(n) }
CALL () { UNWIND $profile AS l MATCH (a:Application {id: l.id}) MATCH (n:Profile {key: l.key}) CREATE (a)-[:USES]->(n) }
CALL () { UNWIND $address AS l MATCH (a:Application {id: l.id}) MATCH (n:Address {key: l.key}) CREATE (a)-[:USES]->(n) }
CALL () { UNWIND $payment AS l MATCH (a:Application {id: l.id}) MATCH (n:PaymentAccount {key: l.key}) CREATE (a)-[:USES]->(n) }
