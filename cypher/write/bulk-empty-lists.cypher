// After an offline import: the importer cannot store an empty list (it leaves the property out), and
// the pipeline stores `indicators` and `nonroutable_ips` as lists, empty ones included. Sets the missing
// ones to [] so that a bulk-loaded graph is the pipeline's, in slices of their own transactions run
// $concurrency at once (each slice costs the server about 30 µs per application on one core).
MATCH (a:Application) WHERE a.indicators IS NULL OR a.nonroutable_ips IS NULL
CALL (a) {
  SET a.indicators = coalesce(a.indicators, []), a.nonroutable_ips = coalesce(a.nonroutable_ips, [])
} IN $concurrency CONCURRENT TRANSACTIONS OF 10000 ROWS
RETURN count(*) AS filled
