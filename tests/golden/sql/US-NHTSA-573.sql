-- rule US-NHTSA-573 as of 2025-12-31: deadline
-- result columns: message from 7, evidence from 9
-- reads: defect_cases(*,case_id,concluded_on,conclusion,product_id) filings(case_id,filed_on,filing_id,kind) products(category,company_id,market,model,product_id)
-- required record: filings

-- the rule's query
WITH "subjects" AS MATERIALIZED (
SELECT "subject".*, "subject"."case_id" AS "rg_key", (SELECT "products_1"."company_id" FROM "products" AS "products_1" WHERE ("products_1"."product_id" = "subject"."product_id")) AS "rg_company", "subject"."concluded_on" AS "rg_trigger" FROM "defect_cases" AS "subject" WHERE ((((SELECT "products_2"."market" FROM "products" AS "products_2" WHERE ("products_2"."product_id" = "subject"."product_id")) = ?1) AND ((SELECT "products_3"."category" FROM "products" AS "products_3" WHERE ("products_3"."product_id" = "subject"."product_id")) = ?2)) AND ("subject"."conclusion" = ?3))
),
"dues" AS (
SELECT "subjects".*, coalesce((SELECT "working_day_5"."day" FROM "rg_working_days" AS "working_day_5" WHERE (("working_day_5"."calendar" = ?4) AND ("working_day_5"."ord" = (SELECT ("calendar_day_4"."ord" + ?5) FROM "rg_calendar_days" AS "calendar_day_4" WHERE (("calendar_day_4"."calendar" = ?6) AND ("calendar_day_4"."day" = "subjects"."rg_trigger")))))), rg_known_date("subjects"."rg_trigger", ?7, ?8, ?9, ?10, "subjects"."case_id")) AS "rg_due0" FROM "subjects" AS "subjects" WHERE ("subjects"."rg_trigger" IS NOT NULL)
),
"checked" AS (
SELECT "dues".*, (SELECT min("filings_6"."filed_on") FROM "filings" AS "filings_6" WHERE ((("filings_6"."case_id" = "dues"."case_id") AND ("filings_6"."kind" = ?11)) AND ("filings_6"."filed_on" IS NOT NULL))) AS "rg_done", (SELECT "filings_6"."filing_id" FROM "filings" AS "filings_6" WHERE ((("filings_6"."case_id" = "dues"."case_id") AND ("filings_6"."kind" = ?12)) AND ("filings_6"."filed_on" IS NOT NULL)) ORDER BY "filings_6"."filed_on", "filings_6"."filing_id" LIMIT 1) AS "rg_record", NULL AS "rg_extend" FROM "dues" AS "dues"
),
"judged" AS (
SELECT "checked".*, CASE WHEN ("checked"."rg_extend" > "checked"."rg_due0") THEN "checked"."rg_extend" ELSE "checked"."rg_due0" END AS "rg_due" FROM "checked" AS "checked"
)
SELECT "judged"."rg_key" AS "rg_key", "judged"."rg_company" AS "rg_company", "judged"."rg_trigger" AS "rg_trigger", "judged"."rg_due" AS "rg_due", "judged"."rg_done" AS "rg_done", NULL AS "rg_period", "judged"."rg_record" AS "rg_record", "judged"."case_id" AS "rg_msg_0", (SELECT "products_7"."model" FROM "products" AS "products_7" WHERE ("products_7"."product_id" = "judged"."product_id")) AS "rg_msg_1" FROM "judged" AS "judged" WHERE ((("judged"."rg_due" IS NULL) OR (("judged"."rg_done" IS NOT NULL) AND ("judged"."rg_done" > "judged"."rg_due"))) OR (("judged"."rg_done" IS NULL) AND ("judged"."rg_due" < ?13))) ORDER BY "judged"."rg_key"
;
-- ?1 = 'US' (text)
-- ?2 = 'vehicle' (text)
-- ?3 = 'defect' (text)
-- ?4 = 'US' (text)
-- ?5 = 5 (integer)
-- ?6 = 'US' (text)
-- ?7 = 5 (integer)
-- ?8 = 'working days' (text)
-- ?9 = 'US' (text)
-- ?10 = 'defect_cases' (text)
-- ?11 = 'defect_report' (text)
-- ?12 = 'defect_report' (text)
-- ?13 = '2025-12-31' (text)

-- subjects evaluated
SELECT count(1) FROM "defect_cases" AS "subject" WHERE ((((SELECT "products_1"."market" FROM "products" AS "products_1" WHERE ("products_1"."product_id" = "subject"."product_id")) = ?1) AND ((SELECT "products_2"."category" FROM "products" AS "products_2" WHERE ("products_2"."product_id" = "subject"."product_id")) = ?2)) AND ("subject"."conclusion" = ?3))
;
-- ?1 = 'US' (text)
-- ?2 = 'vehicle' (text)
-- ?3 = 'defect' (text)
