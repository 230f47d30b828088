// How many applications the database holds (from the count store, constant time).
MATCH (a:Application) RETURN count(a) AS applications
