-- SIG-DENIED-HARM: a case concluded no_defect although serious harm of its hazard was known
-- Concealed-defect signal, any market.
-- Hand-written baseline: parameter :as_of (TEXT 'YYYY-MM-DD').
-- Returns (subject_key, period, status, due, done, days_late); status is always 'signal'.
-- As of :as_of, rows dated after it do not exist (cases by opened_on; a case concluded after
-- :as_of is still open; incidents by known_on).
-- Signal when at least 2 incidents of the product with outcome death or serious_injury and the
-- case's hazard were known on or before concluded_on.
WITH denied AS (
  SELECT case_id, product_id, hazard, concluded_on FROM defect_cases
  WHERE opened_on <= :as_of AND conclusion = 'no_defect' AND concluded_on <= :as_of
),
harm AS (
  SELECT product_id, hazard, known_on FROM incidents
  WHERE outcome IN ('death', 'serious_injury') AND known_on <= :as_of
)
SELECT d.case_id AS subject_key, NULL AS period, 'signal' AS status,
       NULL AS due, NULL AS done, NULL AS days_late
FROM denied d
JOIN harm h ON h.product_id = d.product_id AND h.hazard = d.hazard AND h.known_on <= d.concluded_on
GROUP BY d.case_id
HAVING count(*) >= 2
ORDER BY subject_key;
