CREATE CONSTRAINT triage_cluster_id_unique IF NOT EXISTS FOR (t:Triage) REQUIRE t.cluster_id IS UNIQUE
