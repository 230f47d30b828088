// bench:ingest only: the cheapest write Neo4j can make, as the floor under any ingest: $count pairs of
// nodes joined by one relationship, with no properties, no index entries and no parameters to decode.
// Three graph entities per row. Removed again by write/bench-bare-delete.
UNWIND range(1, $count) AS i
CREATE (:BenchBare)-[:BENCH_BARE]->(:BenchBare)
