MATCH (a:Application {id: $id}) RETURN a {.id, .full_name, .submitted_at, .claimed_country, .job_id} AS application
