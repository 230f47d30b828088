// Counts of applications and of each identifier kind, from the count store (constant time).
CALL () { MATCH (n:Application) RETURN count(n) AS applications }
CALL () { MATCH (n:Email) RETURN count(n) AS email }
CALL () { MATCH (n:Phone) RETURN count(n) AS phone }
CALL () { MATCH (n:IP) RETURN count(n) AS ip }
CALL () { MATCH (n:Device) RETURN count(n) AS device }
CALL () { MATCH (n:Profile) RETURN count(n) AS profile }
CALL () { MATCH (n:Address) RETURN count(n) AS address }
CALL () { MATCH (n:PaymentAccount) RETURN count(n) AS payment }
CALL () { MATCH ()-[r:USES]->() RETURN count(r) AS links }
RETURN applications, email, phone, ip, device, profile, address, payment, links
