// Applications whose typed name matches a Lucene query built (escaped) by the search service.
CALL db.index.fulltext.queryNodes('application_name_ft', $query, {limit: $limit}) YIELD node, score
RETURN node {.id, .full_name, .submitted_at, .details} AS application, score
