CREATE CONSTRAINT detection_run_id_unique IF NOT EXISTS FOR (r:DetectionRun) REQUIRE r.id IS UNIQUE
