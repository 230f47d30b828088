// Detection input as of a date (backtests): as read/detect-applications, over the applications submitted
// at or before $as_of only; an identifier counts as shared when two of those use it.
MATCH (a:Application)
WHERE a.submitted_at <= datetime($as_of)
WITH a, [(a)-[:USES]->(i) |
         CASE WHEN size([(i)<-[:USES]-(b) WHERE b.submitted_at <= datetime($as_of) | b]) > 1 THEN labels(i)[0] + ' ' + i.key
              WHEN i:IP THEN '~' + i.key
              ELSE labels(i)[0] END] AS ids
WHERE any(x IN ids WHERE x CONTAINS ' ')
RETURN a.id AS id, a.submitted_at.epochMillis AS t, a.full_name AS name, a.name_key AS nk,
       a.university AS uni, a.major AS major, a.graduation_date AS grad, a.shipping_address AS ship,
       a.indicators AS ind, ids
