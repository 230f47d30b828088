CREATE CONSTRAINT audit_entry_seq_unique IF NOT EXISTS FOR (e:AuditEntry) REQUIRE e.seq IS UNIQUE
