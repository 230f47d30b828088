// The read transaction's own time on the database's clock: what a detection run has seen is everything
// committed before it; the next incremental run re-reads what was ingested from shortly before it.
RETURN toString(datetime.transaction()) AS now
