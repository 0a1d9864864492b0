-- rule SIG-LOW-COMPLETION as of 2025-12-31: signal
-- result columns: message from 7, evidence from 11 units_remedied completion
-- reads: defect_cases(case_id,product_id) products(company_id,product_id) recall_progress(as_of,recall_id,units_remedied) recalls(*,case_id,completed_on,recall_id,units_affected)

-- the rule's query
WITH "subjects" AS MATERIALIZED (
SELECT "subject".*, "subject"."recall_id" AS "rg_key", (SELECT "products_2"."company_id" FROM "products" AS "products_2" WHERE ("products_2"."product_id" = (SELECT "defect_cases_1"."product_id" FROM "defect_cases" AS "defect_cases_1" WHERE ("defect_cases_1"."case_id" = "subject"."case_id")))) AS "rg_company", coalesce((SELECT "recall_progress_3"."units_remedied" FROM "recall_progress" AS "recall_progress_3" WHERE (("recall_progress_3"."recall_id" = "subject"."recall_id") AND ("recall_progress_3"."as_of" IS NOT NULL)) ORDER BY "recall_progress_3"."as_of" DESC LIMIT 1), ?1) AS "rg_let_0", (CAST(coalesce((SELECT "recall_progress_3"."units_remedied" FROM "recall_progress" AS "recall_progress_3" WHERE (("recall_progress_3"."recall_id" = "subject"."recall_id") AND ("recall_progress_3"."as_of" IS NOT NULL)) ORDER BY "recall_progress_3"."as_of" DESC LIMIT 1), ?2) AS REAL) / "subject"."units_affected") AS "rg_let_1" FROM "recalls" AS "subject" WHERE (("subject"."completed_on" IS NOT NULL) AND ("subject"."units_affected" > ?3))
)
SELECT "subjects"."rg_key" AS "rg_key", "subjects"."rg_company" AS "rg_company", NULL AS "rg_trigger", NULL AS "rg_due", NULL AS "rg_done", NULL AS "rg_period", NULL AS "rg_record", "subjects"."recall_id" AS "rg_msg_0", "subjects"."completed_on" AS "rg_msg_1", "subjects"."rg_let_0" AS "rg_msg_2", "subjects"."units_affected" AS "rg_msg_3", "subjects"."rg_let_0" AS "rg_ev_units_remedied", "subjects"."rg_let_1" AS "rg_ev_completion" FROM "subjects" AS "subjects" WHERE ("subjects"."rg_let_1" < ?4) ORDER BY "subjects"."rg_key"
;
-- ?1 = 0 (integer)
-- ?2 = 0 (integer)
-- ?3 = 0 (integer)
-- ?4 = 0.5 (real)

-- subjects evaluated
SELECT count(1) FROM "recalls" AS "subject" WHERE (("subject"."completed_on" IS NOT NULL) AND ("subject"."units_affected" > ?1))
;
-- ?1 = 0 (integer)
