// How many audit entries match the same filters as read/audit-list.
MATCH (e:AuditEntry)
WHERE ($actor IS NULL OR e.actor_name = $actor)
  AND ($actions IS NULL OR e.action IN $actions)
  AND ($target_type IS NULL OR e.target_type = $target_type)
  AND ($target_id IS NULL OR e.target_id = $target_id)
  AND ($outcome IS NULL OR e.outcome = $outcome)
  AND ($ip IS NULL OR e.ip = $ip)
  AND ($from IS NULL OR e.at >= $from)
  AND ($to IS NULL OR e.at < $to)
RETURN count(e) AS total
