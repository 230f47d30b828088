// Creates or replaces applications with all their fields; identifier links are written separately.
UNWIND $rows AS row
MERGE (a:Application {id: row.id})
SET a = row.props
SET a.submitted_at = datetime(row.submitted_at), a.ingested_at = datetime()
