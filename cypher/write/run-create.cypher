// A new run, invisible to cluster readers until it is finished.
CREATE (r:DetectionRun {id: $id, status: 'running', trigger: $trigger, owner: $owner, started_at: datetime()})
RETURN r.id AS id, r.started_at AS started_at
