// Incremental detection: the internal ids of the applications ingested at or after $since (an ISO
// date-time), by the range index on ingested_at, in ascending order.
MATCH (a:Application)
WHERE a.ingested_at >= datetime($since)
RETURN id(a) AS n
ORDER BY n
