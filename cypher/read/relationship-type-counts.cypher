// How many relationships there are of each type (graph fingerprints: chaos script, graph comparisons).
MATCH ()-[r]->()
RETURN type(r) AS type, count(*) AS count
ORDER BY type
