// Creates the identifier nodes of a batch (deduplicated by the caller), one label per subquery.
// Labels are fixed here; keys and properties arrive only as parameters.
CALL () { UNWIND $email AS x MERGE (n:Email {key: x.key}) ON CREATE SET n += x.props }
CALL () { UNWIND $phone AS x MERGE (n:Phone {key: x.key}) ON CREATE SET n += x.props }
CALL () { UNWIND $ip AS x MERGE (n:IP {key: x.key}) ON CREATE SET n += x.props }
CALL () { UNWIND $device AS x MERGE (n:Device {key: x.key}) ON CREATE SET n += x.props }
CALL () { UNWIND $profile AS x MERGE (n:Profile {key: x.key}) ON CREATE SET n += x.props }
CALL () { UNWIND $address AS x MERGE (n:Address {key: x.key}) ON CREATE SET n += x.props }
CALL () { UNWIND $payment AS x MERGE (n:PaymentAccount {key: x.key}) ON CREATE SET n += x.props }
