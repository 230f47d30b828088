CREATE CONSTRAINT detection_lock_name_unique IF NOT EXISTS FOR (l:DetectionLock) REQUIRE l.name IS UNIQUE
