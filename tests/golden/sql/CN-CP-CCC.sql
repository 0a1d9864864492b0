-- rule CN-CP-CCC as of 2025-12-31: violation
-- result columns: message from 7, evidence from 11 first_sale units
-- reads: products(*,category,certificate,company_id,market,product_id) sales(product_id,sold_on,units)

-- the rule's query
WITH "subjects" AS MATERIALIZED (
SELECT "subject".*, "subject"."product_id" AS "rg_key", "subject"."company_id" AS "rg_company", (SELECT min("sales_1"."sold_on") FROM "sales" AS "sales_1" WHERE (("sales_1"."product_id" = "subject"."product_id") AND ("sales_1"."sold_on" >= ?1))) AS "rg_let_0", (SELECT coalesce(sum("sales_2"."units"), 0) FROM "sales" AS "sales_2" WHERE (("sales_2"."product_id" = "subject"."product_id") AND ("sales_2"."sold_on" >= ?2))) AS "rg_let_1" FROM "products" AS "subject" WHERE ((("subject"."market" = ?3) AND ("subject"."category" = ?4)) AND ("subject"."certificate" IS NULL))
)
SELECT "subjects"."rg_key" AS "rg_key", "subjects"."rg_company" AS "rg_company", NULL AS "rg_trigger", NULL AS "rg_due", NULL AS "rg_done", NULL AS "rg_period", NULL AS "rg_record", "subjects"."brand" AS "rg_msg_0", "subjects"."model" AS "rg_msg_1", "subjects"."rg_let_1" AS "rg_msg_2", "subjects"."rg_let_0" AS "rg_msg_3", "subjects"."rg_let_0" AS "rg_ev_first_sale", "subjects"."rg_let_1" AS "rg_ev_units" FROM "subjects" AS "subjects" WHERE (("subjects"."rg_let_0" IS NOT NULL) AND (coalesce("subjects"."rg_let_0", ?5) >= ?6)) ORDER BY "subjects"."rg_key"
;
-- ?1 = '2024-08-01' (text)
-- ?2 = '2024-08-01' (text)
-- ?3 = 'CN' (text)
-- ?4 = 'power_bank' (text)
-- ?5 = '2025-12-31' (text)
-- ?6 = '2020-01-01' (text)

-- subjects evaluated
SELECT count(1) FROM "products" AS "subject" WHERE ((("subject"."market" = ?1) AND ("subject"."category" = ?2)) AND ("subject"."certificate" IS NULL))
;
-- ?1 = 'CN' (text)
-- ?2 = 'power_bank' (text)
