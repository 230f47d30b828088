// Every entry in chain order (index-backed by the seq constraint), streamed by the verifier.
MATCH (e:AuditEntry)
WHERE e.seq >= 0
RETURN properties(e) AS entry
ORDER BY e.seq
