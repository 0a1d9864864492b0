-- rule SIG-SILENT-FIX as of 2025-12-31: signal
-- result columns: message from 7, evidence from 11
-- reads: defect_cases(case_id,opened_on,product_id) design_changes(*,change_id,product_id,safety_related) products(company_id,model,product_id) recalls(case_id)

-- the rule's query
WITH "subjects" AS MATERIALIZED (
SELECT "subject".*, "subject"."change_id" AS "rg_key", (SELECT "products_1"."company_id" FROM "products" AS "products_1" WHERE ("products_1"."product_id" = "subject"."product_id")) AS "rg_company" FROM "design_changes" AS "subject" WHERE ("subject"."safety_related" = ?1)
)
SELECT "subjects"."rg_key" AS "rg_key", "subjects"."rg_company" AS "rg_company", NULL AS "rg_trigger", NULL AS "rg_due", NULL AS "rg_done", NULL AS "rg_period", NULL AS "rg_record", "subjects"."kind" AS "rg_msg_0", "subjects"."change_id" AS "rg_msg_1", (SELECT "products_7"."model" FROM "products" AS "products_7" WHERE ("products_7"."product_id" = "subjects"."product_id")) AS "rg_msg_2", "subjects"."effective_on" AS "rg_msg_3" FROM "subjects" AS "subjects" WHERE ((NOT EXISTS (SELECT 1 FROM "defect_cases" AS "defect_cases_2" WHERE (("defect_cases_2"."product_id" = (SELECT "products_3"."product_id" FROM "products" AS "products_3" WHERE ("products_3"."product_id" = "subjects"."product_id"))) AND (("defect_cases_2"."opened_on" >= (SELECT coalesce(date("subjects"."effective_on", ?2), rg_known_date("subjects"."effective_on", ?3, ?4, ?5, ?6, "subjects"."change_id")))) AND ("defect_cases_2"."opened_on" <= (SELECT coalesce(date("subjects"."effective_on", ?7), rg_known_date("subjects"."effective_on", ?8, ?9, ?10, ?11, "subjects"."change_id")))))))) AND (NOT EXISTS (SELECT 1 FROM "defect_cases" AS "defect_cases_4" JOIN "recalls" AS "recalls_6" ON ("recalls_6"."case_id" = "defect_cases_4"."case_id") WHERE ("defect_cases_4"."product_id" = (SELECT "products_5"."product_id" FROM "products" AS "products_5" WHERE ("products_5"."product_id" = "subjects"."product_id")))))) ORDER BY "subjects"."rg_key"
;
-- ?1 = 1 (integer)
-- ?2 = '-30 days' (text)
-- ?3 = -30 (integer)
-- ?4 = 'days' (text)
-- ?5 = '' (text)
-- ?6 = 'design_changes' (text)
-- ?7 = '+30 days' (text)
-- ?8 = 30 (integer)
-- ?9 = 'days' (text)
-- ?10 = '' (text)
-- ?11 = 'design_changes' (text)

-- subjects evaluated
SELECT count(1) FROM "design_changes" AS "subject" WHERE ("subject"."safety_related" = ?1)
;
-- ?1 = 1 (integer)
