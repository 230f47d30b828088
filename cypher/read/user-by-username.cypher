MATCH (u:User {username: $username})
RETURN properties(u) AS user
