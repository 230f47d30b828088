CREATE INDEX audit_entry_target IF NOT EXISTS FOR (e:AuditEntry) ON (e.target_id)
