-- rule CN-CP-STOP-SALE as of 2025-12-31: violation
-- result columns: message from 7, evidence from 11 first_sale_after units_sold_after
-- reads: defect_cases(*,case_id,concluded_on,conclusion,product_id) products(category,company_id,market,model,product_id) sales(product_id,sold_on,units)

-- the rule's query
WITH "subjects" AS MATERIALIZED (
SELECT "subject".*, "subject"."case_id" AS "rg_key", (SELECT "products_1"."company_id" FROM "products" AS "products_1" WHERE ("products_1"."product_id" = "subject"."product_id")) AS "rg_company", (SELECT min("sales_4"."sold_on") FROM "sales" AS "sales_4" WHERE (("sales_4"."product_id" = (SELECT "products_5"."product_id" FROM "products" AS "products_5" WHERE ("products_5"."product_id" = "subject"."product_id"))) AND ("sales_4"."sold_on" > "subject"."concluded_on"))) AS "rg_let_0", (SELECT coalesce(sum("sales_6"."units"), 0) FROM "sales" AS "sales_6" WHERE (("sales_6"."product_id" = (SELECT "products_7"."product_id" FROM "products" AS "products_7" WHERE ("products_7"."product_id" = "subject"."product_id"))) AND ("sales_6"."sold_on" > "subject"."concluded_on"))) AS "rg_let_1" FROM "defect_cases" AS "subject" WHERE ((((SELECT "products_2"."market" FROM "products" AS "products_2" WHERE ("products_2"."product_id" = "subject"."product_id")) = ?1) AND ((SELECT "products_3"."category" FROM "products" AS "products_3" WHERE ("products_3"."product_id" = "subject"."product_id")) != ?2)) AND ("subject"."conclusion" = ?3))
)
SELECT "subjects"."rg_key" AS "rg_key", "subjects"."rg_company" AS "rg_company", NULL AS "rg_trigger", NULL AS "rg_due", NULL AS "rg_done", NULL AS "rg_period", NULL AS "rg_record", (SELECT "products_8"."model" FROM "products" AS "products_8" WHERE ("products_8"."product_id" = "subjects"."product_id")) AS "rg_msg_0", "subjects"."rg_let_1" AS "rg_msg_1", "subjects"."rg_let_0" AS "rg_msg_2", "subjects"."concluded_on" AS "rg_msg_3", "subjects"."rg_let_0" AS "rg_ev_first_sale_after", "subjects"."rg_let_1" AS "rg_ev_units_sold_after" FROM "subjects" AS "subjects" WHERE (("subjects"."rg_let_0" IS NOT NULL) AND (coalesce("subjects"."rg_let_0", ?4) >= ?5)) ORDER BY "subjects"."rg_key"
;
-- ?1 = 'CN' (text)
-- ?2 = 'vehicle' (text)
-- ?3 = 'defect' (text)
-- ?4 = '2025-12-31' (text)
-- ?5 = '2020-01-01' (text)

-- subjects evaluated
SELECT count(1) FROM "defect_cases" AS "subject" WHERE ((((SELECT "products_1"."market" FROM "products" AS "products_1" WHERE ("products_1"."product_id" = "subject"."product_id")) = ?1) AND ((SELECT "products_2"."category" FROM "products" AS "products_2" WHERE ("products_2"."product_id" = "subject"."product_id")) != ?2)) AND ("subject"."conclusion" = ?3))
;
-- ?1 = 'CN' (text)
-- ?2 = 'vehicle' (text)
-- ?3 = 'defect' (text)
