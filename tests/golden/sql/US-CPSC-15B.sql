-- rule US-CPSC-15B as of 2025-12-31: deadline
-- result columns: message from 7, evidence from 9
-- reads: filings(filed_on,filing_id,kind,product_id) incidents(*,incident_id,known_on,outcome,product_id) products(category,company_id,market,product_id)
-- required record: filings

-- the rule's query
WITH "subjects" AS MATERIALIZED (
SELECT "subject".*, "subject"."incident_id" AS "rg_key", (SELECT "products_1"."company_id" FROM "products" AS "products_1" WHERE ("products_1"."product_id" = "subject"."product_id")) AS "rg_company", "subject"."known_on" AS "rg_trigger" FROM "incidents" AS "subject" WHERE ((((SELECT "products_2"."market" FROM "products" AS "products_2" WHERE ("products_2"."product_id" = "subject"."product_id")) = ?1) AND ((SELECT "products_3"."category" FROM "products" AS "products_3" WHERE ("products_3"."product_id" = "subject"."product_id")) != ?2)) AND ("subject"."outcome" IN (?3, ?4)))
),
"dues" AS (
SELECT "subjects".*, (SELECT coalesce(date("subjects"."rg_trigger", ?5), rg_known_date("subjects"."rg_trigger", ?6, ?7, ?8, ?9, "subjects"."incident_id"))) AS "rg_due0" FROM "subjects" AS "subjects" WHERE ("subjects"."rg_trigger" IS NOT NULL)
),
"checked" AS (
SELECT "dues".*, (SELECT min("filings_4"."filed_on") FROM "filings" AS "filings_4" WHERE ((("filings_4"."product_id" = (SELECT "products_5"."product_id" FROM "products" AS "products_5" WHERE ("products_5"."product_id" = "dues"."product_id"))) AND (("filings_4"."kind" = ?10) AND ("filings_4"."filed_on" >= "dues"."known_on"))) AND ("filings_4"."filed_on" IS NOT NULL))) AS "rg_done", (SELECT "filings_4"."filing_id" FROM "filings" AS "filings_4" WHERE ((("filings_4"."product_id" = (SELECT "products_5"."product_id" FROM "products" AS "products_5" WHERE ("products_5"."product_id" = "dues"."product_id"))) AND (("filings_4"."kind" = ?11) AND ("filings_4"."filed_on" >= "dues"."known_on"))) AND ("filings_4"."filed_on" IS NOT NULL)) ORDER BY "filings_4"."filed_on", "filings_4"."filing_id" LIMIT 1) AS "rg_record", NULL AS "rg_extend" FROM "dues" AS "dues"
),
"judged" AS (
SELECT "checked".*, CASE WHEN ("checked"."rg_extend" > "checked"."rg_due0") THEN "checked"."rg_extend" ELSE "checked"."rg_due0" END AS "rg_due" FROM "checked" AS "checked"
)
SELECT "judged"."rg_key" AS "rg_key", "judged"."rg_company" AS "rg_company", "judged"."rg_trigger" AS "rg_trigger", "judged"."rg_due" AS "rg_due", "judged"."rg_done" AS "rg_done", NULL AS "rg_period", "judged"."rg_record" AS "rg_record", "judged"."incident_id" AS "rg_msg_0", "judged"."outcome" AS "rg_msg_1" FROM "judged" AS "judged" WHERE ((("judged"."rg_due" IS NULL) OR (("judged"."rg_done" IS NOT NULL) AND ("judged"."rg_done" > "judged"."rg_due"))) OR (("judged"."rg_done" IS NULL) AND ("judged"."rg_due" < ?12))) ORDER BY "judged"."rg_key"
;
-- ?1 = 'US' (text)
-- ?2 = 'vehicle' (text)
-- ?3 = 'death' (text)
-- ?4 = 'serious_injury' (text)
-- ?5 = '+1 days' (text)
-- ?6 = 1 (integer)
-- ?7 = 'days' (text)
-- ?8 = '' (text)
-- ?9 = 'incidents' (text)
-- ?10 = 'incident_report' (text)
-- ?11 = 'incident_report' (text)
-- ?12 = '2025-12-31' (text)

-- subjects evaluated
SELECT count(1) FROM "incidents" AS "subject" WHERE ((((SELECT "products_1"."market" FROM "products" AS "products_1" WHERE ("products_1"."product_id" = "subject"."product_id")) = ?1) AND ((SELECT "products_2"."category" FROM "products" AS "products_2" WHERE ("products_2"."product_id" = "subject"."product_id")) != ?2)) AND ("subject"."outcome" IN (?3, ?4)))
;
-- ?1 = 'US' (text)
-- ?2 = 'vehicle' (text)
-- ?3 = 'death' (text)
-- ?4 = 'serious_injury' (text)
