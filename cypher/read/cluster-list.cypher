// One page of a finished run's clusters (the latest, or $run_id), filtered, by descending risk. The run is
// resolved in the same statement, so a reader never mixes two runs. Empty filters ('' or 0) are off: always
// the same parameter types, so one cached plan serves every combination. OPTIONAL keeps the run row when
// no cluster matches, so "no match" is told apart from "no run yet". A cluster node may be shared by several
// runs: this run's rank and change are on its FOUND (on the node for runs written before).
MATCH (r:DetectionRun)
WHERE r.status = 'finished' AND ($run_id = '' OR r.id = $run_id)
WITH r ORDER BY r.finished_at DESC LIMIT 1
OPTIONAL MATCH (r)-[f:FOUND]->(c:Cluster)
WHERE ($level = '' OR c.risk_level = $level)
  AND ($pattern = '' OR $pattern IN c.patterns)
  AND ($min_size = 0 OR c.size >= $min_size)
  AND ($new_since = ''
       OR NOT EXISTS { MATCH (:DetectionRun {id: $new_since})-[:FOUND]->(o:Cluster {id: c.id}) }
       OR EXISTS { MATCH (:DetectionRun {id: $new_since})-[:FOUND]->(o:Cluster {id: c.id})
                   WHERE any(x IN c.application_ids WHERE NOT x IN o.application_ids) })
  AND ($from = '' AND $to = ''
       OR EXISTS { MATCH (c)-[:HAS_MEMBER]->(a:Application)
                   WHERE CASE WHEN $from = '' THEN true ELSE a.submitted_at >= datetime($from) END
                     AND CASE WHEN $to = '' THEN true ELSE a.submitted_at < datetime($to) END })
  AND ($q = ''
       OR any(x IN c.application_ids WHERE toLower(x) CONTAINS $q)
       OR EXISTS { MATCH (c)-[:HAS_MEMBER]->(a:Application)
                   WHERE toLower(coalesce(a.full_name, '')) CONTAINS $q
                      OR EXISTS { MATCH (a)-[:USES]->(i) WHERE toLower(i.key) CONTAINS $q } })
// Triage: the verdict carried by the stable id, else "case_open" when a case not closed was opened on it; a
// dismissed cluster holding an application the verdict did not see is back as "grown_since_dismissed".
OPTIONAL MATCH (t:Triage {cluster_id: c.id})
WITH r, c, f, t, COLLECT { MATCH (k:Case {cluster_id: c.id}) WHERE k.status <> 'closed' RETURN k.id ORDER BY k.id } AS case_ids
WITH r, c, f, case_ids,
     CASE
       WHEN c IS NULL THEN null
       WHEN t IS NULL THEN CASE WHEN size(case_ids) > 0 THEN 'case_open' ELSE 'new' END
       WHEN t.state = 'dismissed' AND any(x IN c.application_ids WHERE NOT x IN t.application_ids) THEN 'grown_since_dismissed'
       ELSE t.state
     END AS triage_state
ORDER BY c.risk_score DESC, coalesce(f.rank, c.rank) ASC
WITH r, collect(CASE WHEN c IS NOT NULL AND (size($triage) = 0 OR triage_state IN $triage)
                     THEN c {.*, rank: coalesce(f.rank, c.rank), change: coalesce(f.change, c.change), previous_ids: coalesce(f.previous_ids, c.previous_ids),
                       added: coalesce(f.added, c.added), removed: coalesce(f.removed, c.removed),
                       triage_state: triage_state, case_ids: case_ids} END) AS matched
RETURN r.id AS run_id, r.finished_at AS generated_at, size(matched) AS total,
       matched[$offset..($offset + $limit)] AS clusters
