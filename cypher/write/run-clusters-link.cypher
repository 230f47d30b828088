// Links a running run to clusters the previous run stored exactly as this run found them (same node uid,
// same content hash), with this run's rank and change on FOUND; returns the uids it linked, so the caller
// writes every other one in full (run-clusters-create). A row is [uid, content hash, rank, FOUND props]
// (server/runs/cluster-record.ts, LinkRow); null props are an unchanged cluster's, written here.
MATCH (r:DetectionRun {id: $run_id})
WHERE r.status = 'running'
UNWIND $rows AS row
MATCH (c:Cluster {uid: row[0]})
WHERE c.content_hash = row[1]
CREATE (r)-[f:FOUND]->(c)
SET f = coalesce(row[3], {rank: row[2], change: 'unchanged', previous_ids: [c.id], added: 0, removed: 0})
RETURN collect(row[0]) AS linked
