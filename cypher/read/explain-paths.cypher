// The shortest chains of shared identifiers between two applications. Identifiers used by more than
// $max_degree applications, or listed in $excluded ("Label:key"), are not walked through; both filters
// are evaluated inside the breadth-first search (no exhaustive fallback). At most 8 hops: 4 shared identifiers.
MATCH (a:Application {id: $a}), (b:Application {id: $b})
MATCH p = allShortestPaths((a)-[:USES*..8]-(b))
WHERE all(n IN nodes(p) WHERE n:Application
          OR (($max_degree IS NULL OR COUNT { (n)<-[:USES]-() } <= $max_degree)
              AND NOT (labels(n)[0] + ':' + n.key) IN $excluded))
WITH p LIMIT $limit
RETURN [n IN nodes(p) | CASE WHEN n:Application
          THEN {label: 'Application', id: n.id, full_name: n.full_name, submitted_at: n.submitted_at}
          ELSE {label: labels(n)[0], key: n.key, used_by: COUNT { (n)<-[:USES]-() }} END] AS nodes
