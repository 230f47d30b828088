CREATE CONSTRAINT case_sequence_name_unique IF NOT EXISTS FOR (s:CaseSequence) REQUIRE s.name IS UNIQUE
