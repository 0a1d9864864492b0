-- CN-AV-PLAN: recall plan filed within 5 CN working days of a defect conclusion
-- 缺陷汽车产品召回管理条例实施办法 Art. 24(1); CN vehicles
-- Hand-written baseline: parameter :as_of (TEXT 'YYYY-MM-DD'); working-day tables attached as `cal`.
-- Returns (subject_key, period, status, due, done, days_late), pending obligations excluded.
-- As of :as_of, rows dated after it do not exist (cases by opened_on; a case concluded after :as_of is still open; filings by filed_on).
WITH subjects AS (
  SELECT c.case_id AS subject_key, c.concluded_on
  FROM defect_cases c
  JOIN products p ON p.product_id = c.product_id
  WHERE p.market = 'CN' AND p.category = 'vehicle'
    AND c.opened_on <= :as_of
    AND c.conclusion = 'defect' AND c.concluded_on <= :as_of
),
deadlines AS (
  SELECT s.subject_key,
         (SELECT w.day FROM cal.rg_working_days w
           WHERE w.calendar = 'CN'
             AND w.ord = (SELECT d.ord FROM cal.rg_calendar_days d
                          WHERE d.calendar = 'CN' AND d.day = s.concluded_on) + 5) AS due
  FROM subjects s
),
-- Matched by case: a filing counts whatever its date (even before the conclusion).
filed AS (
  SELECT case_id, min(filed_on) AS done FROM filings
  WHERE kind = 'recall_plan' AND case_id IS NOT NULL AND filed_on <= :as_of
  GROUP BY case_id
),
answered AS (
  SELECT dl.subject_key, dl.due, f.done
  FROM deadlines dl
  LEFT JOIN filed f ON f.case_id = dl.subject_key
)
SELECT subject_key, NULL AS period,
       CASE WHEN done IS NULL THEN 'missing' ELSE 'late' END AS status,
       due, done, CAST(julianday(done) - julianday(due) AS INTEGER) AS days_late
FROM answered
WHERE (done IS NULL AND due < :as_of) OR done > due
ORDER BY subject_key;
