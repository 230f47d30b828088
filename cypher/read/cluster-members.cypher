// A cluster's member applications, each with its identifiers and how many applications use each one;
// name_key groups one person's applications and raw_json gives the values as typed (labels).
MATCH (c:Cluster {uid: $uid})-[:HAS_MEMBER]->(a:Application)
OPTIONAL MATCH (a)-[:USES]->(i)
WITH a, i, CASE WHEN i IS NULL THEN 0 ELSE COUNT { (i)<-[:USES]-() } END AS used_by
WITH a, collect(CASE WHEN i IS NULL THEN NULL ELSE {label: labels(i)[0], props: properties(i), used_by: used_by} END) AS identifiers
RETURN a {.id, .full_name, .submitted_at, .claimed_country, .claimed_location, .job_id, .source, .university, .degree,
          .major, .graduation_date, .indicators, .name_key, .raw_json} AS application,
       [x IN identifiers WHERE x IS NOT NULL] AS identifiers
ORDER BY a.submitted_at, a.id
