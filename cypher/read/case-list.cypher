// A page of cases, most recently changed first; "" turns a filter off.
MATCH (c:Case)
WHERE ($status = '' OR c.status = $status)
  AND ($assignee = '' OR c.assignee = $assignee)
  AND ($q = '' OR toLower(c.title) CONTAINS $q OR toLower(c.id) CONTAINS $q OR $q IN [m IN c.member_ids | toLower(m)])
WITH c ORDER BY c.updated_at DESC, c.id
WITH collect(c) AS cases
RETURN size(cases) AS total,
       [c IN cases[$offset..($offset + $limit)] | c {.id, .title, .status, .assignee, .created_at, .created_by,
         .updated_at, .source, .run_id, .cluster_id, .risk_score, .risk_level, .patterns, .version,
         member_count: size(c.member_ids)}] AS cases
