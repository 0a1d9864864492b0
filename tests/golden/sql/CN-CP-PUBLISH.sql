-- rule CN-CP-PUBLISH as of 2025-12-31: deadline
-- result columns: message from 7, evidence from 9 plan_filed
-- reads: defect_cases(case_id,product_id) filings(case_id,filed_on,kind) notices(audience,notice_id,published_on,recall_id) products(category,company_id,market,product_id) recalls(*,case_id,recall_id)
-- required record: notices

-- the rule's query
WITH "subjects" AS MATERIALIZED (
SELECT "subject".*, "subject"."recall_id" AS "rg_key", (SELECT "products_2"."company_id" FROM "products" AS "products_2" WHERE ("products_2"."product_id" = (SELECT "defect_cases_1"."product_id" FROM "defect_cases" AS "defect_cases_1" WHERE ("defect_cases_1"."case_id" = "subject"."case_id")))) AS "rg_company", (SELECT min("filings_7"."filed_on") FROM "filings" AS "filings_7" WHERE (("filings_7"."case_id" = (SELECT "defect_cases_8"."case_id" FROM "defect_cases" AS "defect_cases_8" WHERE ("defect_cases_8"."case_id" = "subject"."case_id"))) AND ("filings_7"."kind" = ?1))) AS "rg_let_0", (SELECT min("filings_7"."filed_on") FROM "filings" AS "filings_7" WHERE (("filings_7"."case_id" = (SELECT "defect_cases_8"."case_id" FROM "defect_cases" AS "defect_cases_8" WHERE ("defect_cases_8"."case_id" = "subject"."case_id"))) AND ("filings_7"."kind" = ?2))) AS "rg_trigger" FROM "recalls" AS "subject" WHERE (((SELECT "products_4"."market" FROM "products" AS "products_4" WHERE ("products_4"."product_id" = (SELECT "defect_cases_3"."product_id" FROM "defect_cases" AS "defect_cases_3" WHERE ("defect_cases_3"."case_id" = "subject"."case_id")))) = ?3) AND ((SELECT "products_6"."category" FROM "products" AS "products_6" WHERE ("products_6"."product_id" = (SELECT "defect_cases_5"."product_id" FROM "defect_cases" AS "defect_cases_5" WHERE ("defect_cases_5"."case_id" = "subject"."case_id")))) != ?4))
),
"dues" AS (
SELECT "subjects".*, coalesce((SELECT "working_day_10"."day" FROM "rg_working_days" AS "working_day_10" WHERE (("working_day_10"."calendar" = ?5) AND ("working_day_10"."ord" = (SELECT ("calendar_day_9"."ord" + ?6) FROM "rg_calendar_days" AS "calendar_day_9" WHERE (("calendar_day_9"."calendar" = ?7) AND ("calendar_day_9"."day" = "subjects"."rg_trigger")))))), rg_known_date("subjects"."rg_trigger", ?8, ?9, ?10, ?11, "subjects"."recall_id")) AS "rg_due0" FROM "subjects" AS "subjects" WHERE (("subjects"."rg_trigger" IS NOT NULL) AND ("subjects"."rg_trigger" >= ?12))
),
"checked" AS (
SELECT "dues".*, (SELECT min("notices_11"."published_on") FROM "notices" AS "notices_11" WHERE ((("notices_11"."recall_id" = "dues"."recall_id") AND ("notices_11"."audience" = ?13)) AND ("notices_11"."published_on" IS NOT NULL))) AS "rg_done", (SELECT "notices_11"."notice_id" FROM "notices" AS "notices_11" WHERE ((("notices_11"."recall_id" = "dues"."recall_id") AND ("notices_11"."audience" = ?14)) AND ("notices_11"."published_on" IS NOT NULL)) ORDER BY "notices_11"."published_on", "notices_11"."notice_id" LIMIT 1) AS "rg_record", NULL AS "rg_extend" FROM "dues" AS "dues"
),
"judged" AS (
SELECT "checked".*, CASE WHEN ("checked"."rg_extend" > "checked"."rg_due0") THEN "checked"."rg_extend" ELSE "checked"."rg_due0" END AS "rg_due" FROM "checked" AS "checked"
)
SELECT "judged"."rg_key" AS "rg_key", "judged"."rg_company" AS "rg_company", "judged"."rg_trigger" AS "rg_trigger", "judged"."rg_due" AS "rg_due", "judged"."rg_done" AS "rg_done", NULL AS "rg_period", "judged"."rg_record" AS "rg_record", "judged"."recall_id" AS "rg_msg_0", "judged"."rg_let_0" AS "rg_msg_1", "judged"."rg_let_0" AS "rg_ev_plan_filed" FROM "judged" AS "judged" WHERE ((("judged"."rg_due" IS NULL) OR (("judged"."rg_done" IS NOT NULL) AND ("judged"."rg_done" > "judged"."rg_due"))) OR (("judged"."rg_done" IS NULL) AND ("judged"."rg_due" < ?15))) ORDER BY "judged"."rg_key"
;
-- ?1 = 'recall_plan' (text)
-- ?2 = 'recall_plan' (text)
-- ?3 = 'CN' (text)
-- ?4 = 'vehicle' (text)
-- ?5 = 'CN' (text)
-- ?6 = 3 (integer)
-- ?7 = 'CN' (text)
-- ?8 = 3 (integer)
-- ?9 = 'working days' (text)
-- ?10 = 'CN' (text)
-- ?11 = 'recalls' (text)
-- ?12 = '2020-01-01' (text)
-- ?13 = 'public' (text)
-- ?14 = 'public' (text)
-- ?15 = '2025-12-31' (text)

-- subjects evaluated
SELECT count(1) FROM "recalls" AS "subject" WHERE (((SELECT "products_2"."market" FROM "products" AS "products_2" WHERE ("products_2"."product_id" = (SELECT "defect_cases_1"."product_id" FROM "defect_cases" AS "defect_cases_1" WHERE ("defect_cases_1"."case_id" = "subject"."case_id")))) = ?1) AND ((SELECT "products_4"."category" FROM "products" AS "products_4" WHERE ("products_4"."product_id" = (SELECT "defect_cases_3"."product_id" FROM "defect_cases" AS "defect_cases_3" WHERE ("defect_cases_3"."case_id" = "subject"."case_id")))) != ?2))
;
-- ?1 = 'CN' (text)
-- ?2 = 'vehicle' (text)
