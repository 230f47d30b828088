// Incremental detection: the internal ids of every application using each given identifier (internal
// ids), for identifiers the previous run's input did not hold (their users' link lists gain them).
UNWIND $ids AS m
MATCH (i)
WHERE id(i) = m
RETURN m, [(i)<-[:USES]-(b:Application) | id(b)] AS apps
