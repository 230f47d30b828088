// Tests only: the name_key index as a store written before its retirement holds it.
CREATE INDEX application_name_key IF NOT EXISTS FOR (a:Application) ON (a.name_key)
