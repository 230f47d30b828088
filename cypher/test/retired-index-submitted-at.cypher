// Tests only: the submitted_at index as a store written before its retirement holds it.
CREATE INDEX application_submitted_at IF NOT EXISTS FOR (a:Application) ON (a.submitted_at)
