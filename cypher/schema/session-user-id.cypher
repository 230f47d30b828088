CREATE INDEX session_user_id IF NOT EXISTS FOR (s:Session) ON (s.user_id)
