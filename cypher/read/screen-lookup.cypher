// Screening, in one round trip: for each identifier of the candidate ($refs: {label, key, ref, cap}), its
// active watchlist entries (also for an identifier the graph has never seen), how many applications use
// it and, when that is at most its kind's cap (wider use is common infrastructure), those applications
// other than the candidate itself, each with its cluster in run $run_id. Labels are fixed in the text,
// one branch each, so every lookup is an index seek; $refs only selects among them. The hints keep it so
// whatever the statistics say (on a small database the planner would otherwise scan a label).
UNWIND $refs AS c
CALL (c) {
  OPTIONAL MATCH (w:WatchlistEntry {ref: c.ref}) USING INDEX w:WatchlistEntry(ref)
  WHERE w.expires_at IS NULL OR w.expires_at > datetime()
  RETURN collect(w {.id, .ref, .kind, .key, .source, .reason, .cluster_id, .added_by, .added_at,
                    .expires_at}) AS watch
}
OPTIONAL CALL (c) {
  MATCH (i:Email {key: c.key}) USING INDEX i:Email(key) WHERE c.label = 'Email' RETURN i
  UNION
  MATCH (i:Phone {key: c.key}) USING INDEX i:Phone(key) WHERE c.label = 'Phone' RETURN i
  UNION
  MATCH (i:IP {key: c.key}) USING INDEX i:IP(key) WHERE c.label = 'IP' RETURN i
  UNION
  MATCH (i:Device {key: c.key}) USING INDEX i:Device(key) WHERE c.label = 'Device' RETURN i
  UNION
  MATCH (i:Profile {key: c.key}) USING INDEX i:Profile(key) WHERE c.label = 'Profile' RETURN i
  UNION
  MATCH (i:Address {key: c.key}) USING INDEX i:Address(key) WHERE c.label = 'Address' RETURN i
  UNION
  MATCH (i:PaymentAccount {key: c.key}) USING INDEX i:PaymentAccount(key) WHERE c.label = 'PaymentAccount' RETURN i
}
WITH c, watch, i, CASE WHEN i IS NULL THEN 0 ELSE COUNT { (i)<-[:USES]-() } END AS uses
CALL (c, i, uses) {
  // No label on `a` (only applications USE identifiers): with one, a small database's statistics can make
  // the planner scan the Application(id) index for `a.id <> $self` instead of expanding from `i`.
  OPTIONAL MATCH (i)<-[:USES]-(a)
  WHERE uses <= c.cap AND a.id <> $self
  OPTIONAL MATCH (cl:Cluster)-[:HAS_MEMBER]->(a)
  WHERE EXISTS { (cl)<-[:FOUND]-(:DetectionRun {id: $run_id}) }
  RETURN collect(CASE WHEN a IS NULL THEN NULL ELSE {
    id: a.id, name_key: a.name_key, t: a.submitted_at.epochMillis,
    cluster: CASE WHEN cl IS NULL THEN NULL ELSE cl {.id, .risk_score, .risk_level, .patterns, .identities, .size,
                                                       .score_breakdown_json} END
  } END) AS apps
}
RETURN c.ref AS ref, uses, apps, watch
