// Records a successful sign-in on the user.
MATCH (u:User {id: $id})
SET u.last_sign_in_at = datetime()
