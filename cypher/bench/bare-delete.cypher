// bench:ingest only: removes the nodes write/bench-bare-chains made, a slice at a time.
MATCH (n:BenchBare)
WITH n LIMIT $limit
DETACH DELETE n
RETURN count(*) AS deleted
