-- CN-CP-CCC: no sale of an uncertified power bank on or after 2024-08-01
-- CCC catalogue for mobile power supplies, mandatory from 2024-08-01; CN consumer products
-- Hand-written baseline: parameter :as_of (TEXT 'YYYY-MM-DD').
-- Returns (subject_key, period, status, due, done, days_late); status is always 'violation'.
-- As of :as_of, rows dated after it do not exist (sales by sold_on).
-- One scan of sales, each row's product found by its primary key; one finding per product.
SELECT p.product_id AS subject_key, NULL AS period, 'violation' AS status,
       NULL AS due, NULL AS done, NULL AS days_late
FROM sales s
JOIN products p ON p.product_id = s.product_id
WHERE p.market = 'CN' AND p.category = 'power_bank' AND p.certificate IS NULL
  AND s.sold_on >= '2024-08-01' AND s.sold_on <= :as_of
GROUP BY p.product_id
ORDER BY subject_key;
