// Stores a page of applications' fields packed ($rows: {id, details}) and removes them as properties. Only
// an application still without `details` is touched: one an ingest replaced meanwhile keeps what it wrote.
UNWIND $rows AS row
MATCH (a:Application {id: row.id})
WHERE a.details IS NULL
SET a.details = row.details
REMOVE a.claimed_country, a.claimed_location, a.university, a.degree, a.major, a.graduation_date,
       a.shipping_address, a.job_id, a.source, a.indicators, a.nonroutable_ips
RETURN count(a) AS packed
