CREATE FULLTEXT INDEX application_name_ft IF NOT EXISTS FOR (a:Application) ON EACH [a.full_name]
