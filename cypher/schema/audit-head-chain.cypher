CREATE CONSTRAINT audit_head_chain_unique IF NOT EXISTS FOR (h:AuditHead) REQUIRE h.chain IS UNIQUE
