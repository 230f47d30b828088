CREATE CONSTRAINT application_id_unique IF NOT EXISTS FOR (n:Application) REQUIRE n.id IS UNIQUE
