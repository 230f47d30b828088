// After an offline import: the importer cannot store an empty list (it leaves the property out), and
// the pipeline stores `indicators` and `nonroutable_ips` as lists, empty ones included. Sets the missing
// ones to [] so that a bulk-loaded graph is the pipeline's, in slices of its own transactions.
MATCH (a:Application) WHERE a.indicators IS NULL OR a.nonroutable_ips IS NULL
CALL (a) {
  SET a.indicators = coalesce(a.indicators, []), a.nonroutable_ips = coalesce(a.nonroutable_ips, [])
} IN TRANSACTIONS OF 20000 ROWS
RETURN count(*) AS filled
