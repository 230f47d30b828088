// bench:detect: the ids of the $limit most recently submitted applications (the batch an incremental run is
// timed on), newest first.
MATCH (a:Application)
RETURN a.id AS id
ORDER BY a.submitted_at DESC, a.id DESC
LIMIT $limit
