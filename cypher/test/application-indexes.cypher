// Tests only: the names of the indexes on Application (constraints' own indexes included).
SHOW INDEXES YIELD name, labelsOrTypes
WHERE 'Application' IN labelsOrTypes
RETURN name
ORDER BY name
