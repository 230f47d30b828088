// Detection input, part 1: one row per identifier that two or more applications use, with its kind as an
// integer (IDENTIFIER_KINDS order: email 0, phone 1, ip 2, device 3, profile 4, address 5, payment 6), its
// key, and the internal ids of the applications using it. Its use count is a degree lookup; identifiers
// used once (most of them) travel only as counts in part 2. So each shared key crosses Bolt once, not
// once per application, and an application is an integer.
MATCH (i:Email|Phone|IP|Device|Profile|Address|PaymentAccount)
WHERE COUNT { (i)<-[:USES]-() } > 1
RETURN CASE WHEN i:Email THEN 0 WHEN i:Phone THEN 1 WHEN i:IP THEN 2 WHEN i:Device THEN 3
            WHEN i:Profile THEN 4 WHEN i:Address THEN 5 ELSE 6 END AS k,
       i.key AS key, [(i)<-[:USES]-(a:Application) | id(a)] AS apps
