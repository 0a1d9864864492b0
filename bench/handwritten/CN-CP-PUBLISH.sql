-- CN-CP-PUBLISH: public notice within 3 CN working days of the first recall plan filing
-- SAMR Order No. 19, Art. 19(2); CN consumer products
-- Hand-written baseline: parameter :as_of (TEXT 'YYYY-MM-DD'); working-day tables attached as `cal`.
-- Returns (subject_key, period, status, due, done, days_late), pending obligations excluded.
-- As of :as_of, rows dated after it do not exist (recalls by decided_on, their cases by opened_on, filings by filed_on, notices by published_on).
WITH subjects AS (
  SELECT r.recall_id AS subject_key, r.case_id
  FROM recalls r
  JOIN defect_cases c ON c.case_id = r.case_id
  JOIN products p ON p.product_id = c.product_id
  WHERE p.market = 'CN' AND p.category <> 'vehicle'
    AND r.decided_on <= :as_of AND c.opened_on <= :as_of
),
-- The clock starts at the case's earliest recall_plan filing; without one, no finding here.
first_filed AS (
  SELECT case_id, min(filed_on) AS trigger_on FROM filings
  WHERE kind = 'recall_plan' AND case_id IS NOT NULL AND filed_on <= :as_of
  GROUP BY case_id
),
triggered AS (
  SELECT s.subject_key, ff.trigger_on
  FROM subjects s
  JOIN first_filed ff ON ff.case_id = s.case_id
),
deadlines AS (
  SELECT s.subject_key,
         (SELECT w.day FROM cal.rg_working_days w
           WHERE w.calendar = 'CN'
             AND w.ord = (SELECT d.ord FROM cal.rg_calendar_days d
                          WHERE d.calendar = 'CN' AND d.day = s.trigger_on) + 3) AS due
  FROM triggered s
),
published AS (
  SELECT recall_id, min(published_on) AS done FROM notices
  WHERE audience = 'public' AND published_on <= :as_of
  GROUP BY recall_id
),
answered AS (
  SELECT dl.subject_key, dl.due, pb.done
  FROM deadlines dl
  LEFT JOIN published pb ON pb.recall_id = dl.subject_key
)
SELECT subject_key, NULL AS period,
       CASE WHEN done IS NULL THEN 'missing' ELSE 'late' END AS status,
       due, done, CAST(julianday(done) - julianday(due) AS INTEGER) AS days_late
FROM answered
WHERE (done IS NULL AND due < :as_of) OR done > due
ORDER BY subject_key;
