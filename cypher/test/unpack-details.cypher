// Tests only: turns applications back into the form stored before their fields were packed ($rows: {id,
// fields}): each field its own property, no `details`. What the migration test starts from.
UNWIND $rows AS row
MATCH (a:Application {id: row.id})
SET a += row.fields
REMOVE a.details
