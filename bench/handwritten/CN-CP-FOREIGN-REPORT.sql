-- CN-CP-FOREIGN-REPORT: foreign recall reported within 2 CN working days of its announcement
-- SAMR Order No. 19, Art. 8(1)(2); CN consumer products
-- Hand-written baseline: parameter :as_of (TEXT 'YYYY-MM-DD'); working-day tables attached as `cal`.
-- Returns (subject_key, period, status, due, done, days_late), pending obligations excluded.
-- As of :as_of, rows dated after it do not exist (foreign_recalls by announced_on, filings by filed_on).
WITH subjects AS (
  SELECT x.foreign_recall_id AS subject_key, x.product_id, x.announced_on AS trigger_on
  FROM foreign_recalls x
  JOIN products p ON p.product_id = x.product_id
  WHERE p.market = 'CN' AND p.category <> 'vehicle'
    AND x.announced_on <= :as_of
),
deadlines AS (
  SELECT s.subject_key, s.product_id, s.trigger_on,
         (SELECT w.day FROM cal.rg_working_days w
           WHERE w.calendar = 'CN'
             AND w.ord = (SELECT d.ord FROM cal.rg_calendar_days d
                          WHERE d.calendar = 'CN' AND d.day = s.trigger_on) + 2) AS due
  FROM subjects s
),
reports AS (
  SELECT product_id, filed_on FROM filings
  WHERE kind = 'foreign_recall_report' AND product_id IS NOT NULL AND filed_on <= :as_of
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
