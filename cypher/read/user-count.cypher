// How many users exist, and how many enabled admins (the last one may not be demoted or disabled).
MATCH (u:User)
RETURN count(u) AS users,
       count(CASE WHEN u.role = 'admin' AND NOT coalesce(u.disabled, false) THEN 1 END) AS admins
