CREATE INDEX application_name_key IF NOT EXISTS FOR (a:Application) ON (a.name_key)
