-- CN-AV-STAGE-REPORT: a progress report for every 3 months of a running recall
-- 缺陷汽车产品召回管理条例实施办法 Art. 30(1); CN vehicles
-- Hand-written baseline: parameter :as_of (TEXT 'YYYY-MM-DD'); working-day tables attached as `cal`.
-- Returns (subject_key, period, status, due, done, days_late), pending obligations excluded.
-- As of :as_of, rows dated after it do not exist (recalls by decided_on, their cases by opened_on; started_on after :as_of = not started; completed after :as_of = still running; filings by filed_on).
-- Period k ends on started_on + 3k months (computed from started_on each time, clamped to the
-- month's end). It is due when it ends before completed_on (if completed) and its end + 10 WD is
-- before :as_of; it needs a progress_report for the case with period_end in
-- (previous end, this end], filed on or before this end + 10 WD.
WITH RECURSIVE
started AS (
  SELECT r.recall_id, r.case_id, r.started_on,
         CASE WHEN r.completed_on <= :as_of THEN r.completed_on END AS completed_on
  FROM recalls r
  JOIN defect_cases c ON c.case_id = r.case_id
  JOIN products p ON p.product_id = c.product_id
  WHERE p.market = 'CN' AND p.category = 'vehicle'
    AND r.decided_on <= :as_of AND c.opened_on <= :as_of
    AND r.started_on <= :as_of
),
-- Period numbers: continue while period k's month has begun before :as_of (one spare period
-- at most, dropped by the due test below).
periods (recall_id, case_id, started_on, completed_on, k) AS (
  SELECT recall_id, case_id, started_on, completed_on, 1 FROM started
  UNION ALL
  SELECT recall_id, case_id, started_on, completed_on, k + 1 FROM periods
  WHERE date(started_on, 'start of month', '+' || (3 * k) || ' months') < :as_of
),
bounds AS (
  SELECT recall_id, case_id, completed_on, k,
         date(started_on, 'start of month', '+' || (3 * (k - 1)) || ' months',
              '+' || (min(CAST(strftime('%d', started_on) AS INTEGER),
                          CAST(strftime('%d', date(started_on, 'start of month', '+' || ((3 * (k - 1)) + 1) || ' months', '-1 day')) AS INTEGER))
                      - 1) || ' days') AS previous_end,
         date(started_on, 'start of month', '+' || (3 * k) || ' months',
              '+' || (min(CAST(strftime('%d', started_on) AS INTEGER),
                          CAST(strftime('%d', date(started_on, 'start of month', '+' || ((3 * k) + 1) || ' months', '-1 day')) AS INTEGER))
                      - 1) || ' days') AS period_end
  FROM periods
),
with_due AS (
  SELECT b.recall_id, b.case_id, b.completed_on, b.k, b.previous_end, b.period_end,
         (SELECT w.day FROM cal.rg_working_days w
           WHERE w.calendar = 'CN'
             AND w.ord = (SELECT d.ord FROM cal.rg_calendar_days d
                          WHERE d.calendar = 'CN' AND d.day = b.period_end) + 10) AS due
  FROM bounds b
),
due_periods AS (
  SELECT recall_id, case_id, k, previous_end, period_end, due
  FROM with_due
  WHERE (completed_on IS NULL OR period_end < completed_on) AND due < :as_of
),
reports AS (
  SELECT case_id, period_end, filed_on FROM filings
  WHERE kind = 'progress_report' AND case_id IS NOT NULL AND period_end IS NOT NULL
    AND filed_on <= :as_of
),
answered AS (
  SELECT dp.recall_id, dp.k, dp.due, min(r.filed_on) AS done
  FROM due_periods dp
  LEFT JOIN reports r ON r.case_id = dp.case_id
                     AND r.period_end > dp.previous_end AND r.period_end <= dp.period_end
  GROUP BY dp.recall_id, dp.k, dp.due
)
SELECT recall_id AS subject_key, k AS period,
       CASE WHEN done IS NULL THEN 'missing' ELSE 'late' END AS status,
       due, done, CAST(julianday(done) - julianday(due) AS INTEGER) AS days_late
FROM answered
WHERE done IS NULL OR done > due
ORDER BY subject_key, period;
