-- SIG-FIRE-CLUSTER: a cluster of fire or explosion events with no defect case opened soon after
-- Concealed-defect signal, any market.
-- Hand-written baseline: parameter :as_of (TEXT 'YYYY-MM-DD').
-- Returns (subject_key, period, status, due, done, days_late); status is always 'signal'.
-- As of :as_of, rows dated after it do not exist (incidents by known_on, complaints by
-- received_on, cases by opened_on).
-- Events: incidents (dated occurred_on) and complaints (received_on) with hazard fire or
-- explosion. t = the earliest event date with at least 3 events in [t - 89 days, t]. Signal
-- when t + 10 days < :as_of and no case of the product was opened on or before t + 10 days.
WITH events AS (
  SELECT product_id, occurred_on AS day FROM incidents
  WHERE hazard IN ('fire', 'explosion') AND known_on <= :as_of
  UNION ALL
  SELECT product_id, received_on AS day FROM complaints
  WHERE hazard IN ('fire', 'explosion') AND received_on <= :as_of
),
-- A RANGE frame counts every event from 89 days before up to and including the event's date
-- (all events of that same date included).
windows AS (
  SELECT product_id, day,
         count(*) OVER (PARTITION BY product_id ORDER BY julianday(day)
                        RANGE BETWEEN 89 PRECEDING AND CURRENT ROW) AS events_in_window
  FROM events
),
clusters AS (
  SELECT product_id, min(day) AS t FROM windows
  WHERE events_in_window >= 3
  GROUP BY product_id
),
first_case AS (
  SELECT product_id, min(opened_on) AS opened_on FROM defect_cases
  WHERE opened_on <= :as_of
  GROUP BY product_id
)
SELECT cl.product_id AS subject_key, NULL AS period, 'signal' AS status,
       NULL AS due, NULL AS done, NULL AS days_late
FROM clusters cl
LEFT JOIN first_case fc ON fc.product_id = cl.product_id
WHERE date(cl.t, '+10 days') < :as_of
  AND (fc.opened_on IS NULL OR fc.opened_on > date(cl.t, '+10 days'))
ORDER BY subject_key;
