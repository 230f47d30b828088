// Cases whose frozen membership holds this application, most recently changed first.
MATCH (c:Case)
WHERE $id IN c.member_ids
RETURN c {.id, .title, .status, .assignee, .updated_at, .cluster_id, .run_id} AS case
ORDER BY c.updated_at DESC
LIMIT $limit
