// Each case member's record exactly as it was ingested (raw_json), for the evidence package's source
// hashes and the values as typed; ids no longer in the graph are left out.
UNWIND $ids AS id
MATCH (a:Application {id: id})
RETURN a.id AS id, a.raw_json AS raw_json
