// An identifier given as {label, key} and one page of the applications using it (newest first), plus
// how many use it. Labels are fixed in the text, one branch each; $label only selects among them.
CALL () {
  MATCH (i:Email {key: $key}) WHERE $label = 'Email' RETURN i
  UNION
  MATCH (i:Phone {key: $key}) WHERE $label = 'Phone' RETURN i
  UNION
  MATCH (i:IP {key: $key}) WHERE $label = 'IP' RETURN i
  UNION
  MATCH (i:Device {key: $key}) WHERE $label = 'Device' RETURN i
  UNION
  MATCH (i:Profile {key: $key}) WHERE $label = 'Profile' RETURN i
  UNION
  MATCH (i:Address {key: $key}) WHERE $label = 'Address' RETURN i
  UNION
  MATCH (i:PaymentAccount {key: $key}) WHERE $label = 'PaymentAccount' RETURN i
}
CALL (i) {
  MATCH (i)<-[:USES]-(a:Application)
  WITH a ORDER BY a.submitted_at DESC, a.id
  SKIP $offset LIMIT $limit
  RETURN collect(a {.id, .full_name, .submitted_at, .details}) AS neighbours
}
RETURN labels(i)[0] AS label, properties(i) AS identifier, COUNT { (i)<-[:USES]-() } AS total, neighbours
