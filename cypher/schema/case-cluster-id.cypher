CREATE INDEX case_cluster_id IF NOT EXISTS FOR (c:Case) ON (c.cluster_id)
