-- rule US-NHTSA-577 as of 2025-12-31: deadline
-- result columns: message from 7, evidence from 9 report_filed
-- reads: defect_cases(case_id,product_id) filings(case_id,filed_on,kind) notices(audience,notice_id,published_on,recall_id) products(category,company_id,market,product_id) recalls(*,case_id,recall_id)
-- required record: notices

-- the rule's query
WITH "subjects" AS MATERIALIZED (
SELECT "subject".*, "subject"."recall_id" AS "rg_key", (SELECT "products_2"."company_id" FROM "products" AS "products_2" WHERE ("products_2"."product_id" = (SELECT "defect_cases_1"."product_id" FROM "defect_cases" AS "defect_cases_1" WHERE ("defect_cases_1"."case_id" = "subject"."case_id")))) AS "rg_company", (SELECT min("filings_7"."filed_on") FROM "filings" AS "filings_7" WHERE (("filings_7"."case_id" = (SELECT "defect_cases_8"."case_id" FROM "defect_cases" AS "defect_cases_8" WHERE ("defect_cases_8"."case_id" = "subject"."case_id"))) AND ("filings_7"."kind" = ?1))) AS "rg_let_0", (SELECT min("filings_7"."filed_on") FROM "filings" AS "filings_7" WHERE (("filings_7"."case_id" = (SELECT "defect_cases_8"."case_id" FROM "defect_cases" AS "defect_cases_8" WHERE ("defect_cases_8"."case_id" = "subject"."case_id"))) AND ("filings_7"."kind" = ?2))) AS "rg_trigger" FROM "recalls" AS "subject" WHERE (((SELECT "products_4"."market" FROM "products" AS "products_4" WHERE ("products_4"."product_id" = (SELECT "defect_cases_3"."product_id" FROM "defect_cases" AS "defect_cases_3" WHERE ("defect_cases_3"."case_id" = "subject"."case_id")))) = ?3) AND ((SELECT "products_6"."category" FROM "products" AS "products_6" WHERE ("products_6"."product_id" = (SELECT "defect_cases_5"."product_id" FROM "defect_cases" AS "defect_cases_5" WHERE ("defect_cases_5"."case_id" = "subject"."case_id")))) = ?4))
),
"dues" AS (
SELECT "subjects".*, (SELECT coalesce(date("subjects"."rg_trigger", ?5), rg_known_date("subjects"."rg_trigger", ?6, ?7, ?8, ?9, "subjects"."recall_id"))) AS "rg_due0" FROM "subjects" AS "subjects" WHERE ("subjects"."rg_trigger" IS NOT NULL)
),
"checked" AS (
SELECT "dues".*, (SELECT min("notices_9"."published_on") FROM "notices" AS "notices_9" WHERE ((("notices_9"."recall_id" = "dues"."recall_id") AND ("notices_9"."audience" = ?10)) AND ("notices_9"."published_on" IS NOT NULL))) AS "rg_done", (SELECT "notices_9"."notice_id" FROM "notices" AS "notices_9" WHERE ((("notices_9"."recall_id" = "dues"."recall_id") AND ("notices_9"."audience" = ?11)) AND ("notices_9"."published_on" IS NOT NULL)) ORDER BY "notices_9"."published_on", "notices_9"."notice_id" LIMIT 1) AS "rg_record", NULL AS "rg_extend" FROM "dues" AS "dues"
),
"judged" AS (
SELECT "checked".*, CASE WHEN ("checked"."rg_extend" > "checked"."rg_due0") THEN "checked"."rg_extend" ELSE "checked"."rg_due0" END AS "rg_due" FROM "checked" AS "checked"
)
SELECT "judged"."rg_key" AS "rg_key", "judged"."rg_company" AS "rg_company", "judged"."rg_trigger" AS "rg_trigger", "judged"."rg_due" AS "rg_due", "judged"."rg_done" AS "rg_done", NULL AS "rg_period", "judged"."rg_record" AS "rg_record", "judged"."recall_id" AS "rg_msg_0", "judged"."rg_let_0" AS "rg_msg_1", "judged"."rg_let_0" AS "rg_ev_report_filed" FROM "judged" AS "judged" WHERE ((("judged"."rg_due" IS NULL) OR (("judged"."rg_done" IS NOT NULL) AND ("judged"."rg_done" > "judged"."rg_due"))) OR (("judged"."rg_done" IS NULL) AND ("judged"."rg_due" < ?12))) ORDER BY "judged"."rg_key"
;
-- ?1 = 'defect_report' (text)
-- ?2 = 'defect_report' (text)
-- ?3 = 'US' (text)
-- ?4 = 'vehicle' (text)
-- ?5 = '+60 days' (text)
-- ?6 = 60 (integer)
-- ?7 = 'days' (text)
-- ?8 = '' (text)
-- ?9 = 'recalls' (text)
-- ?10 = 'owners' (text)
-- ?11 = 'owners' (text)
-- ?12 = '2025-12-31' (text)

-- subjects evaluated
SELECT count(1) FROM "recalls" AS "subject" WHERE (((SELECT "products_2"."market" FROM "products" AS "products_2" WHERE ("products_2"."product_id" = (SELECT "defect_cases_1"."product_id" FROM "defect_cases" AS "defect_cases_1" WHERE ("defect_cases_1"."case_id" = "subject"."case_id")))) = ?1) AND ((SELECT "products_4"."category" FROM "products" AS "products_4" WHERE ("products_4"."product_id" = (SELECT "defect_cases_3"."product_id" FROM "defect_cases" AS "defect_cases_3" WHERE ("defect_cases_3"."case_id" = "subject"."case_id")))) = ?2))
;
-- ?1 = 'US' (text)
-- ?2 = 'vehicle' (text)
