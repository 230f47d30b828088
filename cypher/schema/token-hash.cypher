CREATE CONSTRAINT token_hash_unique IF NOT EXISTS FOR (t:ServiceToken) REQUIRE t.token_hash IS UNIQUE
