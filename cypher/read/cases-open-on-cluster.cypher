// Cases not closed that were opened from a cluster id (to warn before opening another one).
MATCH (k:Case {cluster_id: $cluster_id})
WHERE k.status <> 'closed'
RETURN k.id AS id, k.title AS title, k.status AS status
ORDER BY k.id
