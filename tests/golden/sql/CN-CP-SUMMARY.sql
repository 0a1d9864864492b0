-- rule CN-CP-SUMMARY as of 2025-12-31: deadline
-- result columns: message from 7, evidence from 8
-- reads: defect_cases(case_id,product_id) filings(case_id,filed_on,filing_id,kind) products(category,company_id,market,product_id) recalls(*,case_id,completed_on,recall_id)
-- required record: filings

-- the rule's query
WITH "subjects" AS MATERIALIZED (
SELECT "subject".*, "subject"."recall_id" AS "rg_key", (SELECT "products_2"."company_id" FROM "products" AS "products_2" WHERE ("products_2"."product_id" = (SELECT "defect_cases_1"."product_id" FROM "defect_cases" AS "defect_cases_1" WHERE ("defect_cases_1"."case_id" = "subject"."case_id")))) AS "rg_company", "subject"."completed_on" AS "rg_trigger" FROM "recalls" AS "subject" WHERE (((SELECT "products_4"."market" FROM "products" AS "products_4" WHERE ("products_4"."product_id" = (SELECT "defect_cases_3"."product_id" FROM "defect_cases" AS "defect_cases_3" WHERE ("defect_cases_3"."case_id" = "subject"."case_id")))) = ?1) AND ((SELECT "products_6"."category" FROM "products" AS "products_6" WHERE ("products_6"."product_id" = (SELECT "defect_cases_5"."product_id" FROM "defect_cases" AS "defect_cases_5" WHERE ("defect_cases_5"."case_id" = "subject"."case_id")))) != ?2))
),
"dues" AS (
SELECT "subjects".*, coalesce((SELECT "working_day_8"."day" FROM "rg_working_days" AS "working_day_8" WHERE (("working_day_8"."calendar" = ?3) AND ("working_day_8"."ord" = (SELECT ("calendar_day_7"."ord" + ?4) FROM "rg_calendar_days" AS "calendar_day_7" WHERE (("calendar_day_7"."calendar" = ?5) AND ("calendar_day_7"."day" = "subjects"."rg_trigger")))))), rg_known_date("subjects"."rg_trigger", ?6, ?7, ?8, ?9, "subjects"."recall_id")) AS "rg_due0" FROM "subjects" AS "subjects" WHERE (("subjects"."rg_trigger" IS NOT NULL) AND ("subjects"."rg_trigger" >= ?10))
),
"checked" AS (
SELECT "dues".*, (SELECT min("filings_9"."filed_on") FROM "filings" AS "filings_9" WHERE ((("filings_9"."case_id" = (SELECT "defect_cases_10"."case_id" FROM "defect_cases" AS "defect_cases_10" WHERE ("defect_cases_10"."case_id" = "dues"."case_id"))) AND ("filings_9"."kind" = ?11)) AND ("filings_9"."filed_on" IS NOT NULL))) AS "rg_done", (SELECT "filings_9"."filing_id" FROM "filings" AS "filings_9" WHERE ((("filings_9"."case_id" = (SELECT "defect_cases_10"."case_id" FROM "defect_cases" AS "defect_cases_10" WHERE ("defect_cases_10"."case_id" = "dues"."case_id"))) AND ("filings_9"."kind" = ?12)) AND ("filings_9"."filed_on" IS NOT NULL)) ORDER BY "filings_9"."filed_on", "filings_9"."filing_id" LIMIT 1) AS "rg_record", NULL AS "rg_extend" FROM "dues" AS "dues"
),
"judged" AS (
SELECT "checked".*, CASE WHEN ("checked"."rg_extend" > "checked"."rg_due0") THEN "checked"."rg_extend" ELSE "checked"."rg_due0" END AS "rg_due" FROM "checked" AS "checked"
)
SELECT "judged"."rg_key" AS "rg_key", "judged"."rg_company" AS "rg_company", "judged"."rg_trigger" AS "rg_trigger", "judged"."rg_due" AS "rg_due", "judged"."rg_done" AS "rg_done", NULL AS "rg_period", "judged"."rg_record" AS "rg_record", "judged"."recall_id" AS "rg_msg_0" FROM "judged" AS "judged" WHERE ((("judged"."rg_due" IS NULL) OR (("judged"."rg_done" IS NOT NULL) AND ("judged"."rg_done" > "judged"."rg_due"))) OR (("judged"."rg_done" IS NULL) AND ("judged"."rg_due" < ?13))) ORDER BY "judged"."rg_key"
;
-- ?1 = 'CN' (text)
-- ?2 = 'vehicle' (text)
-- ?3 = 'CN' (text)
-- ?4 = 15 (integer)
-- ?5 = 'CN' (text)
-- ?6 = 15 (integer)
-- ?7 = 'working days' (text)
-- ?8 = 'CN' (text)
-- ?9 = 'recalls' (text)
-- ?10 = '2020-01-01' (text)
-- ?11 = 'summary_report' (text)
-- ?12 = 'summary_report' (text)
-- ?13 = '2025-12-31' (text)

-- subjects evaluated
SELECT count(1) FROM "recalls" AS "subject" WHERE (((SELECT "products_2"."market" FROM "products" AS "products_2" WHERE ("products_2"."product_id" = (SELECT "defect_cases_1"."product_id" FROM "defect_cases" AS "defect_cases_1" WHERE ("defect_cases_1"."case_id" = "subject"."case_id")))) = ?1) AND ((SELECT "products_4"."category" FROM "products" AS "products_4" WHERE ("products_4"."product_id" = (SELECT "defect_cases_3"."product_id" FROM "defect_cases" AS "defect_cases_3" WHERE ("defect_cases_3"."case_id" = "subject"."case_id")))) != ?2))
;
-- ?1 = 'CN' (text)
-- ?2 = 'vehicle' (text)
