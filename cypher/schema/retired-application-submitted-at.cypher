// Retired: its one seek was the as-of count of a backtest, which reads every identifier anyway (a label
// scan of the applications adds a fraction of that read), and its entry cost every ingested application
// Neo4j CPU. Orderings by submitted_at sort the few applications an expansion found. A store that has it loses it.
DROP INDEX application_submitted_at IF EXISTS
