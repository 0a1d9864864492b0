-- rule CN-CP-STAGE-REPORT as of 2025-12-31: periodic
-- result columns: message from 7, evidence from 8 period_start
-- reads: defect_cases(case_id,product_id) filings(case_id,filed_on,filing_id,kind,period_end) products(category,company_id,market,product_id) recalls(*,case_id,completed_on,recall_id,started_on)
-- required record: filings

-- the rule's query
WITH RECURSIVE "subjects" AS MATERIALIZED (
SELECT "subject".*, "subject"."recall_id" AS "rg_key", (SELECT "products_2"."company_id" FROM "products" AS "products_2" WHERE ("products_2"."product_id" = (SELECT "defect_cases_1"."product_id" FROM "defect_cases" AS "defect_cases_1" WHERE ("defect_cases_1"."case_id" = "subject"."case_id")))) AS "rg_company", "subject"."started_on" AS "rg_start", "subject"."completed_on" AS "rg_until" FROM "recalls" AS "subject" WHERE (((SELECT "products_4"."market" FROM "products" AS "products_4" WHERE ("products_4"."product_id" = (SELECT "defect_cases_3"."product_id" FROM "defect_cases" AS "defect_cases_3" WHERE ("defect_cases_3"."case_id" = "subject"."case_id")))) = ?1) AND ((SELECT "products_6"."category" FROM "products" AS "products_6" WHERE ("products_6"."product_id" = (SELECT "defect_cases_5"."product_id" FROM "defect_cases" AS "defect_cases_5" WHERE ("defect_cases_5"."case_id" = "subject"."case_id")))) != ?2))
),
"periods"("rg_pkey", "rg_until", "rg_start", "rg_k", "rg_pstart", "rg_pend") AS (
SELECT "subjects"."rg_key", "subjects"."rg_until", "subjects"."rg_start", 1, "subjects"."rg_start", coalesce(min(date("subjects"."rg_start", printf(?3, (1 * ?4))), date("subjects"."rg_start", ?5, printf(?6, ((1 * ?7) + 1)), ?8)), rg_known_date("subjects"."rg_start", (1 * ?9), ?10, ?11, ?12, "subjects"."rg_key")) FROM "subjects" AS "subjects" WHERE (("subjects"."rg_start" IS NOT NULL) AND ("subjects"."rg_start" >= ?13)) UNION ALL SELECT "p"."rg_pkey", "p"."rg_until", "p"."rg_start", ("p"."rg_k" + 1), "p"."rg_pend", coalesce(min(date("p"."rg_start", printf(?14, (("p"."rg_k" + 1) * ?15))), date("p"."rg_start", ?16, printf(?17, ((("p"."rg_k" + 1) * ?18) + 1)), ?19)), rg_known_date("p"."rg_start", (("p"."rg_k" + 1) * ?20), ?21, ?22, ?23, "p"."rg_pkey")) FROM "periods" AS "p" WHERE ((("p"."rg_pend" <= ?24) AND (("p"."rg_until" IS NULL) OR ("p"."rg_pend" < "p"."rg_until"))) AND ("p"."rg_k" < 100000))
),
"checked" AS (
SELECT "s".*, "p"."rg_k" AS "rg_k", "p"."rg_pstart" AS "rg_pstart", "p"."rg_pend" AS "rg_pend", coalesce((SELECT "working_day_8"."day" FROM "rg_working_days" AS "working_day_8" WHERE (("working_day_8"."calendar" = ?25) AND ("working_day_8"."ord" = (SELECT ("calendar_day_7"."ord" + ?26) FROM "rg_calendar_days" AS "calendar_day_7" WHERE (("calendar_day_7"."calendar" = ?27) AND ("calendar_day_7"."day" = "p"."rg_pend")))))), rg_known_date("p"."rg_pend", ?28, ?29, ?30, ?31, "s"."recall_id")) AS "rg_due", (SELECT min("filings_9"."filed_on") FROM "filings" AS "filings_9" WHERE ((("filings_9"."case_id" = (SELECT "defect_cases_10"."case_id" FROM "defect_cases" AS "defect_cases_10" WHERE ("defect_cases_10"."case_id" = "s"."case_id"))) AND ((("filings_9"."kind" = ?32) AND ("filings_9"."period_end" > "p"."rg_pstart")) AND ("filings_9"."period_end" <= "p"."rg_pend"))) AND ("filings_9"."filed_on" IS NOT NULL))) AS "rg_done", (SELECT "filings_9"."filing_id" FROM "filings" AS "filings_9" WHERE ((("filings_9"."case_id" = (SELECT "defect_cases_10"."case_id" FROM "defect_cases" AS "defect_cases_10" WHERE ("defect_cases_10"."case_id" = "s"."case_id"))) AND ((("filings_9"."kind" = ?33) AND ("filings_9"."period_end" > "p"."rg_pstart")) AND ("filings_9"."period_end" <= "p"."rg_pend"))) AND ("filings_9"."filed_on" IS NOT NULL)) ORDER BY "filings_9"."filed_on", "filings_9"."filing_id" LIMIT 1) AS "rg_record" FROM "periods" AS "p" JOIN "subjects" AS "s" ON ("s"."rg_key" = "p"."rg_pkey") WHERE (("p"."rg_pend" <= ?34) AND (("p"."rg_until" IS NULL) OR ("p"."rg_pend" < "p"."rg_until")))
)
SELECT "checked"."rg_key" AS "rg_key", "checked"."rg_company" AS "rg_company", "checked"."rg_pend" AS "rg_trigger", "checked"."rg_due" AS "rg_due", "checked"."rg_done" AS "rg_done", "checked"."rg_k" AS "rg_period", "checked"."rg_record" AS "rg_record", "checked"."recall_id" AS "rg_msg_0", "checked"."rg_pstart" AS "rg_ev_period_start" FROM "checked" AS "checked" WHERE ((("checked"."rg_due" IS NULL) OR (("checked"."rg_done" IS NOT NULL) AND ("checked"."rg_done" > "checked"."rg_due"))) OR (("checked"."rg_done" IS NULL) AND ("checked"."rg_due" < ?35))) ORDER BY "checked"."rg_key", "checked"."rg_k"
;
-- ?1 = 'CN' (text)
-- ?2 = 'vehicle' (text)
-- ?3 = '%+d months' (text)
-- ?4 = 3 (integer)
-- ?5 = 'start of month' (text)
-- ?6 = '%+d months' (text)
-- ?7 = 3 (integer)
-- ?8 = '-1 day' (text)
-- ?9 = 3 (integer)
-- ?10 = 'months' (text)
-- ?11 = '' (text)
-- ?12 = 'recalls' (text)
-- ?13 = '2020-01-01' (text)
-- ?14 = '%+d months' (text)
-- ?15 = 3 (integer)
-- ?16 = 'start of month' (text)
-- ?17 = '%+d months' (text)
-- ?18 = 3 (integer)
-- ?19 = '-1 day' (text)
-- ?20 = 3 (integer)
-- ?21 = 'months' (text)
-- ?22 = '' (text)
-- ?23 = 'recalls' (text)
-- ?24 = '2025-12-31' (text)
-- ?25 = 'CN' (text)
-- ?26 = 10 (integer)
-- ?27 = 'CN' (text)
-- ?28 = 10 (integer)
-- ?29 = 'working days' (text)
-- ?30 = 'CN' (text)
-- ?31 = 'recalls' (text)
-- ?32 = 'progress_report' (text)
-- ?33 = 'progress_report' (text)
-- ?34 = '2025-12-31' (text)
-- ?35 = '2025-12-31' (text)

-- subjects evaluated
SELECT count(1) FROM "recalls" AS "subject" WHERE (((SELECT "products_2"."market" FROM "products" AS "products_2" WHERE ("products_2"."product_id" = (SELECT "defect_cases_1"."product_id" FROM "defect_cases" AS "defect_cases_1" WHERE ("defect_cases_1"."case_id" = "subject"."case_id")))) = ?1) AND ((SELECT "products_4"."category" FROM "products" AS "products_4" WHERE ("products_4"."product_id" = (SELECT "defect_cases_3"."product_id" FROM "defect_cases" AS "defect_cases_3" WHERE ("defect_cases_3"."case_id" = "subject"."case_id")))) != ?2))
;
-- ?1 = 'CN' (text)
-- ?2 = 'vehicle' (text)
