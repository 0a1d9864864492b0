-- CN-AV-BULLETIN: service bulletins and software updates filed within 20 CN working days
-- 缺陷汽车产品召回管理条例实施办法 Art. 11; SAMR notice on OTA (2020); CN vehicles
-- Hand-written baseline: parameter :as_of (TEXT 'YYYY-MM-DD'); working-day tables attached as `cal`.
-- Returns (subject_key, period, status, due, done, days_late), pending obligations excluded.
-- As of :as_of, rows dated after it do not exist (design_changes by effective_on, filings by filed_on).
WITH subjects AS (
  SELECT x.change_id AS subject_key, x.product_id, x.effective_on AS trigger_on
  FROM design_changes x
  JOIN products p ON p.product_id = x.product_id
  WHERE p.market = 'CN' AND p.category = 'vehicle'
    AND x.effective_on <= :as_of
    AND x.kind IN ('service_bulletin', 'software_update')
),
deadlines AS (
  SELECT s.subject_key, s.product_id, s.trigger_on,
         (SELECT w.day FROM cal.rg_working_days w
           WHERE w.calendar = 'CN'
             AND w.ord = (SELECT d.ord FROM cal.rg_calendar_days d
                          WHERE d.calendar = 'CN' AND d.day = s.trigger_on) + 20) AS due
  FROM subjects s
),
reports AS (
  SELECT product_id, filed_on FROM filings
  WHERE kind = 'bulletin_filing' AND product_id IS NOT NULL AND filed_on <= :as_of
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
