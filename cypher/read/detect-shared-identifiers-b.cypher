// Detection input, part 1, half 2 of 2: one row per identifier that two or more applications use, with its
// kind as an integer (IDENTIFIER_KINDS order: email 0, phone 1, ip 2, device 3, profile 4, address 5,
// payment 6), its key, and the internal ids of the applications using it (only applications use
// identifiers, so no label check on them). Its use count is a degree lookup; identifiers used once
// (most of them) travel only as counts in part 2. The kinds are split in two statements of about 2.2 and
// 2.6 million nodes at 1,000,000 applications, read at once on two connections so that Neo4j scans on
// both cores (server/runs/load-input.ts); one label per branch, so the kind is a constant.
MATCH (i:IP) WHERE COUNT { (i)<-[:USES]-() } > 1
RETURN 2 AS k, i.key AS key, [(i)<-[:USES]-(a) | id(a)] AS apps
UNION ALL
MATCH (i:Device) WHERE COUNT { (i)<-[:USES]-() } > 1
RETURN 3 AS k, i.key AS key, [(i)<-[:USES]-(a) | id(a)] AS apps
UNION ALL
MATCH (i:Profile) WHERE COUNT { (i)<-[:USES]-() } > 1
RETURN 4 AS k, i.key AS key, [(i)<-[:USES]-(a) | id(a)] AS apps
UNION ALL
MATCH (i:PaymentAccount) WHERE COUNT { (i)<-[:USES]-() } > 1
RETURN 6 AS k, i.key AS key, [(i)<-[:USES]-(a) | id(a)] AS apps
