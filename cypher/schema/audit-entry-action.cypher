CREATE INDEX audit_entry_action IF NOT EXISTS FOR (e:AuditEntry) ON (e.action)
