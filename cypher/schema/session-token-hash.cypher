CREATE CONSTRAINT session_token_hash_unique IF NOT EXISTS FOR (s:Session) REQUIRE s.token_hash IS UNIQUE
