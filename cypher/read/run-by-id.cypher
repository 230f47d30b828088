MATCH (r:DetectionRun {id: $id})
RETURN properties(r) AS run
