// Whether the database was marked as the demo when the demo population was loaded.
OPTIONAL MATCH (m:Meta {key: 'database'})
RETURN coalesce(m.demo, false) AS demo
