// Whether the store has ever held an application field as its own property (a store written before the
// fields were packed into `details`): property key tokens outlive the values, so none means nothing to
// pack, answered without touching a node. `source` and `indicators` are left out of the test: other nodes
// use those names (watchlist entries, screenings).
CALL db.propertyKeys() YIELD propertyKey
WHERE propertyKey IN ['claimed_country', 'claimed_location', 'university', 'degree', 'major', 'graduation_date',
                      'shipping_address', 'job_id', 'nonroutable_ips']
RETURN count(*) AS keys
