CREATE INDEX cluster_run_id IF NOT EXISTS FOR (c:Cluster) ON (c.run_id)
