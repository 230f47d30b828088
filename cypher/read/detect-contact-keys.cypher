// Detection's typo fold: the emails, phones and devices (shared or not) of the given applications (internal
// ids), each as [kind code (IDENTIFIER_KINDS order: email 0, phone 1, device 3), key]. Run for the few
// applications whose identity reads as reused (server/detect/reuse-candidates.ts), after the input's read.
UNWIND $ids AS n
MATCH (a:Application) WHERE id(a) = n
RETURN n, [(a)-[:USES]->(i:Email|Phone|Device) | [CASE WHEN i:Email THEN 0 WHEN i:Phone THEN 1 ELSE 3 END, i.key]] AS ks
