MATCH (u:User {id: $id})
RETURN properties(u) AS user
