// Detection input as of a date (backtests), part 1: as read/detect-shared-identifiers-a and -b, counting only the
// applications submitted at or before $as_of; an identifier is shared when two of those use it.
MATCH (i:Email|Phone|IP|Device|Profile|Address|PaymentAccount)
WITH i, [(i)<-[:USES]-(a:Application) WHERE a.submitted_at <= datetime($as_of) | id(a)] AS apps
WHERE size(apps) > 1
RETURN CASE WHEN i:Email THEN 0 WHEN i:Phone THEN 1 WHEN i:IP THEN 2 WHEN i:Device THEN 3
            WHEN i:Profile THEN 4 WHEN i:Address THEN 5 ELSE 6 END AS k,
       i.key AS key, apps
