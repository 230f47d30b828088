// Every application and identifier node with its labels, properties and each property's type, and its
// USES links, in a stable order: what bulk load's test compares with the pipeline's graph. ingested_at
// (the time of writing) is left out of the properties, its type kept.
MATCH (n) WHERE n:Application OR n:Email OR n:Phone OR n:IP OR n:Device OR n:Profile OR n:Address OR n:PaymentAccount
WITH n, labels(n) AS labels, coalesce(n.id, n.key) AS ref
OPTIONAL MATCH (n)-[r]->(m)
WITH n, labels, ref, collect(type(r) + '>' + labels(m)[0] + ':' + m.key) AS out
RETURN labels, ref,
       [k IN keys(n) WHERE k <> 'ingested_at' | [k, n[k]]] AS props,
       [k IN keys(n) | k + ':' + valueType(n[k])] AS types,
       out
ORDER BY labels[0], ref
