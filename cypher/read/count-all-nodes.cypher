// How many nodes of any label the database holds (from the count store, constant time); bulk load needs none.
MATCH (n) RETURN count(n) AS nodes
