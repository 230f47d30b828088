// Applications using identifiers given as {label, key} candidates. Labels are fixed in the text, one
// branch each, so every lookup is a unique-index seek; $candidates only selects among them.
UNWIND $candidates AS c
CALL (c) {
  MATCH (i:Email {key: c.key}) WHERE c.label = 'Email' RETURN i
  UNION
  MATCH (i:Phone {key: c.key}) WHERE c.label = 'Phone' RETURN i
  UNION
  MATCH (i:IP {key: c.key}) WHERE c.label = 'IP' RETURN i
  UNION
  MATCH (i:Device {key: c.key}) WHERE c.label = 'Device' RETURN i
  UNION
  MATCH (i:Profile {key: c.key}) WHERE c.label = 'Profile' RETURN i
  UNION
  MATCH (i:Address {key: c.key}) WHERE c.label = 'Address' RETURN i
  UNION
  MATCH (i:PaymentAccount {key: c.key}) WHERE c.label = 'PaymentAccount' RETURN i
}
CALL (i) {
  MATCH (i)<-[:USES]-(a:Application)
  WITH a ORDER BY a.submitted_at DESC
  RETURN count(a) AS total, collect(a {.id, .full_name, .submitted_at, .details})[0..$limit] AS applications
}
RETURN labels(i)[0] AS label, properties(i) AS identifier, total, applications
