// A stable cluster id repeats across runs, so Cluster nodes are keyed by uid = run id + "/" + cluster id.
CREATE CONSTRAINT cluster_uid_unique IF NOT EXISTS FOR (c:Cluster) REQUIRE c.uid IS UNIQUE
