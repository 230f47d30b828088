// Applications using an identifier on the active watchlist, except the members of the confirmed ring an
// automatic entry came from (they are why it is listed): what makes a cluster "touch a confirmed ring".
MATCH (w:WatchlistEntry)
WHERE w.expires_at IS NULL OR w.expires_at > datetime()
CALL (w) {
  MATCH (i:Email {key: w.key}) WHERE w.kind = 'email' RETURN i
  UNION
  MATCH (i:Phone {key: w.key}) WHERE w.kind = 'phone' RETURN i
  UNION
  MATCH (i:IP {key: w.key}) WHERE w.kind = 'ip' RETURN i
  UNION
  MATCH (i:Device {key: w.key}) WHERE w.kind = 'device' RETURN i
  UNION
  MATCH (i:Profile {key: w.key}) WHERE w.kind = 'profile' RETURN i
  UNION
  MATCH (i:Address {key: w.key}) WHERE w.kind = 'address' RETURN i
  UNION
  MATCH (i:PaymentAccount {key: w.key}) WHERE w.kind = 'payment' RETURN i
}
MATCH (i)<-[:USES]-(a:Application)
OPTIONAL MATCH (t:Triage {cluster_id: w.cluster_id})
WITH a, w, t
WHERE w.source <> 'confirmed_ring' OR t IS NULL OR NOT a.id IN t.application_ids
RETURN a.id AS application_id, collect(DISTINCT w.ref) AS refs
