-- SIG-SILENT-FIX: a safety-related design change with no defect case near it and no recall
-- Concealed-defect signal, any market; every design_changes row with safety_related = 1
-- (design changes, service bulletins and software updates alike).
-- Hand-written baseline: parameter :as_of (TEXT 'YYYY-MM-DD').
-- Returns (subject_key, period, status, due, done, days_late); status is always 'signal'.
-- As of :as_of, rows dated after it do not exist (design changes by effective_on, cases by
-- opened_on, recalls by decided_on).
-- Signal when no case of the product was opened within 30 days before or after effective_on
-- and no case of the product has a recall.
WITH fixes AS (
  SELECT change_id, product_id, effective_on FROM design_changes
  WHERE safety_related = 1 AND effective_on <= :as_of
),
cases AS (
  SELECT case_id, product_id, opened_on FROM defect_cases
  WHERE opened_on <= :as_of
),
recalled_products AS (
  SELECT c.product_id FROM recalls r
  JOIN cases c ON c.case_id = r.case_id
  WHERE r.decided_on <= :as_of
),
investigated AS (
  SELECT f.change_id FROM fixes f
  JOIN cases c ON c.product_id = f.product_id
  WHERE c.opened_on BETWEEN date(f.effective_on, '-30 days') AND date(f.effective_on, '+30 days')
)
SELECT f.change_id AS subject_key, NULL AS period, 'signal' AS status,
       NULL AS due, NULL AS done, NULL AS days_late
FROM fixes f
WHERE f.product_id NOT IN (SELECT product_id FROM recalled_products)
  AND f.change_id NOT IN (SELECT change_id FROM investigated)
ORDER BY subject_key;
