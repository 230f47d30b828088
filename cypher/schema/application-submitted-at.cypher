CREATE INDEX application_submitted_at IF NOT EXISTS FOR (a:Application) ON (a.submitted_at)
