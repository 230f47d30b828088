// A page of applications stored before their fields were packed (no `details`; every application written
// since has one), with those fields as they are, to be packed by server/db/migrate-details.ts.
MATCH (a:Application)
WHERE a.details IS NULL
RETURN a.id AS id,
       a {.claimed_country, .claimed_location, .university, .degree, .major, .graduation_date, .shipping_address,
          .job_id, .source, .indicators, .nonroutable_ips} AS fields
LIMIT $limit
