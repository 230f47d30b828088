// Every application's id and its raw record as typed, in id order (ingest checks: fuzz test).
MATCH (a:Application)
RETURN a.id AS id, a.raw_json AS raw_json
ORDER BY id
