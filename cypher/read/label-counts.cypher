// How many nodes carry each label (graph fingerprints: chaos script, graph comparisons).
MATCH (n)
UNWIND labels(n) AS label
RETURN label, count(*) AS count
ORDER BY label
