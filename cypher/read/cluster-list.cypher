// One page of a finished run's clusters (the latest, or $run_id), filtered, by descending risk. The run is
// resolved in the same statement, so a reader never mixes two runs. Null filters are off.
MATCH (r:DetectionRun)
WHERE r.status = 'finished' AND ($run_id IS NULL OR r.id = $run_id)
WITH r ORDER BY r.finished_at DESC LIMIT 1
MATCH (r)-[:FOUND]->(c:Cluster)
WHERE ($level IS NULL OR c.risk_level = $level)
  AND ($pattern IS NULL OR $pattern IN c.patterns)
  AND ($min_size IS NULL OR c.size >= $min_size)
  AND ($new_since IS NULL
       OR NOT EXISTS { MATCH (o:Cluster {uid: $new_since + '/' + c.id}) }
       OR EXISTS { MATCH (o:Cluster {uid: $new_since + '/' + c.id}) WHERE any(x IN c.application_ids WHERE NOT x IN o.application_ids) })
  AND ($from IS NULL AND $to IS NULL
       OR EXISTS { MATCH (c)-[:HAS_MEMBER]->(a:Application)
                   WHERE ($from IS NULL OR a.submitted_at >= datetime($from)) AND ($to IS NULL OR a.submitted_at < datetime($to)) })
  AND ($q IS NULL
       OR any(x IN c.application_ids WHERE toLower(x) CONTAINS $q)
       OR EXISTS { MATCH (c)-[:HAS_MEMBER]->(a:Application)
                   WHERE toLower(coalesce(a.full_name, '')) CONTAINS $q
                      OR EXISTS { MATCH (a)-[:USES]->(i) WHERE toLower(i.key) CONTAINS $q } })
WITH r, c ORDER BY c.risk_score DESC, c.rank ASC
WITH r, collect(c) AS matched
RETURN r.id AS run_id, r.finished_at AS generated_at, size(matched) AS total,
       [c IN matched[$offset..($offset + $limit)] | properties(c)] AS clusters
