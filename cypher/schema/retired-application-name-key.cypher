// Retired: no statement seeks applications by name_key (it is only compared between two applications
// already found), and its entry cost every ingested application Neo4j CPU. A store that has it loses it.
DROP INDEX application_name_key IF EXISTS
