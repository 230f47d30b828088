// Deletes identifiers that no application uses any more (after a re-ingest replaced their links).
UNWIND $eids AS eid
MATCH (i) WHERE elementId(i) = eid AND NOT (i)<-[:USES]-()
DELETE i
