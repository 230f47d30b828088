CREATE INDEX case_updated_at IF NOT EXISTS FOR (c:Case) ON (c.updated_at)
