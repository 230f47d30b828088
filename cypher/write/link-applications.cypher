// Links applications to their identifiers. The caller removed the old links in the same transaction,
// after taking the application's write lock, and deduplicated each application's identifiers: CREATE is safe.
CALL () { UNWIND $email AS x MATCH (a:Application {id: x.app}) MATCH (n:Email {key: x.key}) CREATE (a)-[:USES]->(n) }
CALL () { UNWIND $phone AS x MATCH (a:Application {id: x.app}) MATCH (n:Phone {key: x.key}) CREATE (a)-[:USES]->(n) }
CALL () { UNWIND $ip AS x MATCH (a:Application {id: x.app}) MATCH (n:IP {key: x.key}) CREATE (a)-[:USES]->(n) }
CALL () { UNWIND $device AS x MATCH (a:Application {id: x.app}) MATCH (n:Device {key: x.key}) CREATE (a)-[:USES]->(n) }
CALL () { UNWIND $profile AS x MATCH (a:Application {id: x.app}) MATCH (n:Profile {key: x.key}) CREATE (a)-[:USES]->(n) }
CALL () { UNWIND $address AS x MATCH (a:Application {id: x.app}) MATCH (n:Address {key: x.key}) CREATE (a)-[:USES]->(n) }
CALL () { UNWIND $payment AS x MATCH (a:Application {id: x.app}) MATCH (n:PaymentAccount {key: x.key}) CREATE (a)-[:USES]->(n) }
