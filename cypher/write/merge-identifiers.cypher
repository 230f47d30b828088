// A batch's identifiers, merged once each before its applications are written: one list per label,
// distinct keys sorted (two batches in flight then take the unique-index locks of shared identifiers
// in the same order), with the properties of the first application in the batch that used each.
// MERGE's locking seek holds each identifier for the transaction, so the orphan clean-up of a batch
// in flight cannot delete it before write/link-applications links it. Labels are fixed here.
FOREACH (x IN $email | MERGE (n:Email {key: x.key}) ON CREATE SET n += x.props)
FOREACH (x IN $phone | MERGE (n:Phone {key: x.key}) ON CREATE SET n += x.props)
FOREACH (x IN $ip | MERGE (n:IP {key: x.key}) ON CREATE SET n += x.props)
FOREACH (x IN $device | MERGE (n:Device {key: x.key}) ON CREATE SET n += x.props)
FOREACH (x IN $profile | MERGE (n:Profile {key: x.key}) ON CREATE SET n += x.props)
FOREACH (x IN $address | MERGE (n:Address {key: x.key}) ON CREATE SET n += x.props)
FOREACH (x IN $payment | MERGE (n:PaymentAccount {key: x.key}) ON CREATE SET n += x.props)
