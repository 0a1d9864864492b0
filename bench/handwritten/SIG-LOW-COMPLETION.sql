-- SIG-LOW-COMPLETION: a completed recall that remedied under half of the units affected
-- Concealed-defect signal, any market.
-- Hand-written baseline: parameter :as_of (TEXT 'YYYY-MM-DD').
-- Returns (subject_key, period, status, due, done, days_late); status is always 'signal'.
-- As of :as_of, rows dated after it do not exist (recalls by decided_on; completed after
-- :as_of = still running; progress by as_of).
-- Signal when the latest progress row's units_remedied / units_affected < 0.5; no progress rows
-- counts as 0; units_affected = 0 is never a signal. Compared as 2 * remedied < affected to stay
-- in integers.
WITH completed AS (
  SELECT recall_id, units_affected FROM recalls
  WHERE decided_on <= :as_of AND completed_on <= :as_of AND units_affected > 0
),
-- SQLite gives bare columns the values of the row that holds max(as_of).
latest AS (
  SELECT recall_id, max(as_of) AS last_as_of, units_remedied FROM recall_progress
  WHERE as_of <= :as_of
  GROUP BY recall_id
)
SELECT c.recall_id AS subject_key, NULL AS period, 'signal' AS status,
       NULL AS due, NULL AS done, NULL AS days_late
FROM completed c
LEFT JOIN latest l ON l.recall_id = c.recall_id
WHERE 2 * coalesce(l.units_remedied, 0) < c.units_affected
ORDER BY subject_key;
