-- CN-AV-SUMMARY: summary report within 15 CN working days of completing the recall
-- 缺陷汽车产品召回管理条例实施办法 Art. 30(2); CN vehicles
-- Hand-written baseline: parameter :as_of (TEXT 'YYYY-MM-DD'); working-day tables attached as `cal`.
-- Returns (subject_key, period, status, due, done, days_late), pending obligations excluded.
-- As of :as_of, rows dated after it do not exist (recalls by decided_on, their cases by opened_on; completed after :as_of = still running; filings by filed_on).
WITH subjects AS (
  SELECT r.recall_id AS subject_key, r.case_id, r.completed_on
  FROM recalls r
  JOIN defect_cases c ON c.case_id = r.case_id
  JOIN products p ON p.product_id = c.product_id
  WHERE p.market = 'CN' AND p.category = 'vehicle'
    AND r.decided_on <= :as_of AND c.opened_on <= :as_of
    AND r.completed_on <= :as_of
),
deadlines AS (
  SELECT s.subject_key, s.case_id,
         (SELECT w.day FROM cal.rg_working_days w
           WHERE w.calendar = 'CN'
             AND w.ord = (SELECT d.ord FROM cal.rg_calendar_days d
                          WHERE d.calendar = 'CN' AND d.day = s.completed_on) + 15) AS due
  FROM subjects s
),
filed AS (
  SELECT case_id, min(filed_on) AS done FROM filings
  WHERE kind = 'summary_report' AND case_id IS NOT NULL AND filed_on <= :as_of
  GROUP BY case_id
),
answered AS (
  SELECT dl.subject_key, dl.due, f.done
  FROM deadlines dl
  LEFT JOIN filed f ON f.case_id = dl.case_id
)
SELECT subject_key, NULL AS period,
       CASE WHEN done IS NULL THEN 'missing' ELSE 'late' END AS status,
       due, done, CAST(julianday(done) - julianday(due) AS INTEGER) AS days_late
FROM answered
WHERE (done IS NULL AND due < :as_of) OR done > due
ORDER BY subject_key;
