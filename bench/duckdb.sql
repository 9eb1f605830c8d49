-- The peer a sceptical analyst would write: the core of caseload's job in DuckDB SQL, over the
-- same three files and as-of date. Per case: the last attended contact (from contacts.csv and
-- offenders.csv's own last_contact, neither after the as-of date), days since it, the contact
-- standard for its risk, and whether it is overdue; per officer: caseload and overdue cases.
-- Both results are written out as JSON, as `caseload report --format json` writes its own.
-- {{DIR}}, {{AS_OF}} and {{OUT}} are filled in by bench/duckdb.js.

CREATE TEMP TABLE cases AS
SELECT crn, officer_id, status, start_date, last_contact,
       CASE replace(replace(lower(trim(risk)), ' ', '_'), '-', '_')
         WHEN 'l' THEN 'low' WHEN 'rlrh' THEN 'low' WHEN 'low' THEN 'low'
         WHEN 'm' THEN 'medium' WHEN 'rmrh' THEN 'medium' WHEN 'medium' THEN 'medium'
         WHEN 'h' THEN 'high' WHEN 'rhrh' THEN 'high' WHEN 'high' THEN 'high'
         WHEN 'vh' THEN 'very_high' WHEN 'rvhr' THEN 'very_high' WHEN 'very_high' THEN 'very_high'
       END AS risk
FROM read_csv('{{DIR}}/offenders.csv', header = true, all_varchar = true)
WHERE coalesce(lower(status), '') <> 'terminated';

CREATE TEMP TABLE last_seen AS
SELECT crn, max(CAST(date AS DATE)) AS last_attended
FROM read_csv('{{DIR}}/contacts.csv', header = true, all_varchar = true)
WHERE lower(outcome) IN ('attended', 'attc', 'complied', 'attended_complied')
  AND CAST(date AS DATE) <= DATE '{{AS_OF}}'
GROUP BY crn;

CREATE TEMP TABLE case_status AS
WITH seen AS (
  SELECT c.crn, c.officer_id, c.risk, coalesce(lower(c.status), '') AS status,
         CAST(c.start_date AS DATE) AS start_date,
         greatest(l.last_attended, CASE WHEN CAST(c.last_contact AS DATE) <= DATE '{{AS_OF}}' THEN CAST(c.last_contact AS DATE) END) AS last_contact
  FROM cases c LEFT JOIN last_seen l USING (crn)
), measured AS (
  SELECT *, DATE '{{AS_OF}}' - last_contact AS days_since_contact,
         CASE risk WHEN 'medium' THEN 14 WHEN 'low' THEN 28 ELSE 7 END AS standard_days
  FROM seen
)
SELECT *,
       status IN ('', 'active') AND (
         days_since_contact > standard_days
         OR (last_contact IS NULL AND (start_date IS NULL OR DATE '{{AS_OF}}' - start_date > 7))
       ) AS overdue
FROM measured;

CREATE TEMP TABLE officer_load AS
SELECT officer_id, count(*) AS caseload, count(*) FILTER (WHERE overdue) AS overdue
FROM case_status
WHERE officer_id IS NOT NULL
GROUP BY officer_id;

COPY (SELECT * FROM case_status ORDER BY overdue DESC, days_since_contact DESC NULLS FIRST, crn) TO '{{OUT}}' (FORMAT json);
COPY officer_load TO '{{OUT}}' (FORMAT json);
