// What a cached cluster detail depends on, cheaply: the finished run a reader sees (the latest when $run_id is
// '', else that one) and the number of applications and of USES links (count store reads, no scan). A detail
// built under the same stamp (and the same in-process ingest generation) is still what a fresh read gives,
// except for an in-place change made by another process, which the cache's age limit bounds.
CALL () {
  MATCH (r:DetectionRun)
  WHERE r.status = 'finished' AND ($run_id = '' OR r.id = $run_id)
  RETURN r.id AS run_id
  ORDER BY r.finished_at DESC
  LIMIT 1
}
CALL () {
  MATCH (a:Application)
  RETURN count(a) AS applications
}
CALL () {
  MATCH ()-[u:USES]->()
  RETURN count(u) AS uses
}
RETURN run_id, applications, uses
