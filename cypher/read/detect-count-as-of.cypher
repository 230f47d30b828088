// How many applications were submitted at or before $as_of.
MATCH (a:Application)
WHERE a.submitted_at <= datetime($as_of)
RETURN count(a) AS applications
