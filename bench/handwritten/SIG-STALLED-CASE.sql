-- SIG-STALLED-CASE: a case open more than 90 days while serious harm of the product is known
-- Concealed-defect signal, any market.
-- Hand-written baseline: parameter :as_of (TEXT 'YYYY-MM-DD').
-- Returns (subject_key, period, status, due, done, days_late); status is always 'signal'.
-- As of :as_of, rows dated after it do not exist (cases by opened_on; a case concluded after
-- :as_of is still open; incidents by known_on).
-- Signal when the case is still open at :as_of, :as_of is more than 90 days after opened_on,
-- and at least one death or serious_injury incident of the product (any hazard) is known.
WITH stalled AS (
  SELECT case_id, product_id FROM defect_cases
  WHERE opened_on <= :as_of
    AND (concluded_on IS NULL OR concluded_on > :as_of)
    AND date(opened_on, '+90 days') < :as_of
),
harmed_products AS (
  SELECT product_id FROM incidents
  WHERE outcome IN ('death', 'serious_injury') AND known_on <= :as_of
)
SELECT s.case_id AS subject_key, NULL AS period, 'signal' AS status,
       NULL AS due, NULL AS done, NULL AS days_late
FROM stalled s
WHERE s.product_id IN (SELECT product_id FROM harmed_products)
ORDER BY subject_key;
