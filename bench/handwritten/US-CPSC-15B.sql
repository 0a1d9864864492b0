-- US-CPSC-15B: death or serious injury reported to CPSC within 1 day of becoming known
-- CPSA §15(b); 16 CFR 1115.14(e); US products other than vehicles
-- Hand-written baseline: parameter :as_of (TEXT 'YYYY-MM-DD'); working-day tables attached as `cal`.
-- Returns (subject_key, period, status, due, done, days_late), pending obligations excluded.
-- As of :as_of, rows dated after it do not exist (incidents by known_on, filings by filed_on).
WITH subjects AS (
  SELECT x.incident_id AS subject_key, x.product_id, x.known_on AS trigger_on
  FROM incidents x
  JOIN products p ON p.product_id = x.product_id
  WHERE p.market = 'US' AND p.category <> 'vehicle'
    AND x.known_on <= :as_of
    AND x.outcome IN ('death', 'serious_injury')
),
deadlines AS (
  SELECT s.subject_key, s.product_id, s.trigger_on, date(s.trigger_on, '+1 days') AS due
  FROM subjects s
),
reports AS (
  SELECT product_id, filed_on FROM filings
  WHERE kind = 'incident_report' AND product_id IS NOT NULL AND filed_on <= :as_of
),
-- A report counts only when dated on or after the event it answers.
answered AS (
  SELECT dl.subject_key, dl.due, min(r.filed_on) AS done
  FROM deadlines dl
  LEFT JOIN reports r ON r.product_id = dl.product_id AND r.filed_on >= dl.trigger_on
  GROUP BY dl.subject_key, dl.due
)
SELECT subject_key, NULL AS period,
       CASE WHEN done IS NULL THEN 'missing' ELSE 'late' END AS status,
       due, done, CAST(julianday(done) - julianday(due) AS INTEGER) AS days_late
FROM answered
WHERE (done IS NULL AND due < :as_of) OR done > due
ORDER BY subject_key;
