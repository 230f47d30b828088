CREATE INDEX application_ingested_at IF NOT EXISTS FOR (a:Application) ON (a.ingested_at)
