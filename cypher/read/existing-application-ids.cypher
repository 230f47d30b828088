// Which of a batch's application ids are stored already (one index seek each): ingest writes the others
// through write/create-applications, which has no old links to look for.
UNWIND $ids AS id
MATCH (a:Application {id: id})
RETURN a.id AS id
