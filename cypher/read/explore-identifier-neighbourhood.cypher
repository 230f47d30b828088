// An identifier ({label, key}, labels fixed in the text) with up to $limit applications using it (oldest
// first: a timeline), each with its cluster in the latest finished run and its other identifiers.
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
OPTIONAL CALL () {
  MATCH (r:DetectionRun) WHERE r.status = 'finished'
  RETURN r ORDER BY r.finished_at DESC LIMIT 1
}
CALL (i, r) {
  MATCH (i)<-[:USES]-(a:Application)
  WITH a ORDER BY a.submitted_at, a.id
  LIMIT $limit
  OPTIONAL MATCH (c:Cluster)-[:HAS_MEMBER]->(a) WHERE r IS NOT NULL AND EXISTS { (c)<-[:FOUND]-(r) }
  CALL (a, i) {
    MATCH (a)-[:USES]->(j) WHERE j <> i
    RETURN collect({label: labels(j)[0], props: properties(j), used_by: COUNT { (j)<-[:USES]-() }}) AS identifiers
  }
  RETURN collect(a {.id, .full_name, .submitted_at, .details, cluster_id: c.id,
                    cluster_risk_level: c.risk_level, identifiers: identifiers}) AS applications
}
RETURN labels(i)[0] AS label, properties(i) AS identifier, COUNT { (i)<-[:USES]-() } AS total, applications,
       r.id AS run_id, r.common_infrastructure_json AS common_infrastructure_json
