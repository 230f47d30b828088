CREATE CONSTRAINT screening_application_id_unique IF NOT EXISTS FOR (s:Screening) REQUIRE s.application_id IS UNIQUE
