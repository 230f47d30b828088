// Marks the database as the demo database: demo users are created only where this marker exists.
MERGE (m:Meta {key: 'database'})
SET m.demo = true, m.demo_marked_at = coalesce(m.demo_marked_at, datetime())
