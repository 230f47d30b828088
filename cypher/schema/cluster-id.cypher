CREATE INDEX cluster_id IF NOT EXISTS FOR (c:Cluster) ON (c.id)
