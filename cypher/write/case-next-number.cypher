// Hands out the next case number. The first SET takes the sequence node's write lock before the
// increment reads it, so concurrent openings never get the same number.
MERGE (s:CaseSequence {name: 'case'})
ON CREATE SET s.n = 0
SET s.locked = true
SET s.n = s.n + 1
RETURN s.n AS n
