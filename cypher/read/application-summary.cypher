MATCH (a:Application {id: $id}) RETURN a {.id, .full_name, .submitted_at, .details} AS application
