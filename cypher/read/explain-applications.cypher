// Which of the given application ids exist, with their names (for the words of an explanation).
UNWIND $ids AS id
OPTIONAL MATCH (a:Application {id: id})
RETURN id, a IS NOT NULL AS found, a.full_name AS full_name
