-- rule SIG-STALLED-CASE as of 2025-12-31: signal
-- result columns: message from 7, evidence from 10 serious_incidents open_since
-- reads: defect_cases(*,case_id,concluded_on,opened_on,product_id) incidents(outcome,product_id) products(company_id,product_id)

-- the rule's query
WITH "subjects" AS MATERIALIZED (
SELECT "subject".*, "subject"."case_id" AS "rg_key", (SELECT "products_1"."company_id" FROM "products" AS "products_1" WHERE ("products_1"."product_id" = "subject"."product_id")) AS "rg_company", (SELECT count(1) FROM "incidents" AS "incidents_2" WHERE (("incidents_2"."product_id" = (SELECT "products_3"."product_id" FROM "products" AS "products_3" WHERE ("products_3"."product_id" = "subject"."product_id"))) AND ("incidents_2"."outcome" IN (?1, ?2)))) AS "rg_let_0", "subject"."opened_on" AS "rg_let_1" FROM "defect_cases" AS "subject" WHERE ("subject"."concluded_on" IS NULL)
)
SELECT "subjects"."rg_key" AS "rg_key", "subjects"."rg_company" AS "rg_company", NULL AS "rg_trigger", NULL AS "rg_due", NULL AS "rg_done", NULL AS "rg_period", NULL AS "rg_record", "subjects"."case_id" AS "rg_msg_0", "subjects"."rg_let_1" AS "rg_msg_1", "subjects"."rg_let_0" AS "rg_msg_2", "subjects"."rg_let_0" AS "rg_ev_serious_incidents", "subjects"."rg_let_1" AS "rg_ev_open_since" FROM "subjects" AS "subjects" WHERE ((?3 > (SELECT coalesce(date("subjects"."opened_on", ?4), rg_known_date("subjects"."opened_on", ?5, ?6, ?7, ?8, "subjects"."case_id")))) AND ("subjects"."rg_let_0" >= ?9)) ORDER BY "subjects"."rg_key"
;
-- ?1 = 'death' (text)
-- ?2 = 'serious_injury' (text)
-- ?3 = '2025-12-31' (text)
-- ?4 = '+90 days' (text)
-- ?5 = 90 (integer)
-- ?6 = 'days' (text)
-- ?7 = '' (text)
-- ?8 = 'defect_cases' (text)
-- ?9 = 1 (integer)

-- subjects evaluated
SELECT count(1) FROM "defect_cases" AS "subject" WHERE ("subject"."concluded_on" IS NULL)
;
-- (no parameters)
