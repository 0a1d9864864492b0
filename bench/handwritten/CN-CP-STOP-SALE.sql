-- CN-CP-STOP-SALE: no sale after the case concluded defect
-- SAMR Order No. 19, Art. 15(1); CN consumer products
-- Hand-written baseline: parameter :as_of (TEXT 'YYYY-MM-DD'); working-day tables attached as `cal`.
-- Returns (subject_key, period, status, due, done, days_late), pending obligations excluded.
-- As of :as_of, rows dated after it do not exist (cases by opened_on; a case concluded after :as_of is still open; sales by sold_on).
WITH concluded AS MATERIALIZED (
  SELECT c.case_id, c.product_id, c.concluded_on
  FROM defect_cases c
  JOIN products p ON p.product_id = c.product_id
  WHERE p.market = 'CN' AND p.category <> 'vehicle'
    AND c.opened_on <= :as_of
    AND c.conclusion = 'defect' AND c.concluded_on <= :as_of
)
-- One scan of sales (CROSS JOIN keeps it the outer loop), each sale looked up among the few
-- concluded cases; one finding per case.
SELECT c.case_id AS subject_key, NULL AS period, 'violation' AS status,
       NULL AS due, NULL AS done, NULL AS days_late
FROM sales s
CROSS JOIN concluded c ON c.product_id = s.product_id
WHERE s.sold_on > c.concluded_on AND s.sold_on <= :as_of
GROUP BY c.case_id
ORDER BY subject_key;
