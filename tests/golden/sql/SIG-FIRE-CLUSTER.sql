-- rule SIG-FIRE-CLUSTER as of 2025-12-31: signal
-- result columns: message from 7, evidence from 11 cluster_date
-- reads: complaints(hazard,product_id,received_on) defect_cases(opened_on,product_id) incidents(hazard,occurred_on,product_id) products(*,company_id,product_id)

-- the rule's query
WITH "let_0" AS MATERIALIZED (
SELECT "subject"."product_id" AS "k", "incidents_1"."occurred_on" AS "v" FROM "products" AS "subject" JOIN "incidents" AS "incidents_1" ON 1 WHERE (("incidents_1"."product_id" = "subject"."product_id") AND ("incidents_1"."hazard" IN (?1, ?2))) UNION ALL SELECT "subject"."product_id" AS "k", "complaints_2"."received_on" AS "v" FROM "products" AS "subject" JOIN "complaints" AS "complaints_2" ON 1 WHERE (("complaints_2"."product_id" = "subject"."product_id") AND ("complaints_2"."hazard" IN (?3, ?4)))
),
"subjects" AS MATERIALIZED (
SELECT "subject".*, "subject"."product_id" AS "rg_key", "subject"."company_id" AS "rg_company", (SELECT min("value_3"."v") FROM "let_0" AS "value_3" WHERE (("value_3"."k" = "subject"."product_id") AND ((SELECT count(1) FROM "let_0" AS "value_4" WHERE (("value_4"."k" = "subject"."product_id") AND (("value_4"."v" >= (SELECT coalesce(date("value_3"."v", ?5), rg_known_date("value_3"."v", ?6, ?7, ?8, ?9, "subject"."product_id")))) AND ("value_4"."v" <= "value_3"."v")))) >= ?10))) AS "rg_let_1" FROM "products" AS "subject"
)
SELECT "subjects"."rg_key" AS "rg_key", "subjects"."rg_company" AS "rg_company", NULL AS "rg_trigger", NULL AS "rg_due", NULL AS "rg_done", NULL AS "rg_period", NULL AS "rg_record", "subjects"."brand" AS "rg_msg_0", "subjects"."model" AS "rg_msg_1", ?11 AS "rg_msg_2", "subjects"."rg_let_1" AS "rg_msg_3", "subjects"."rg_let_1" AS "rg_ev_cluster_date" FROM "subjects" AS "subjects" WHERE (((SELECT coalesce(date("subjects"."rg_let_1", ?12), rg_known_date("subjects"."rg_let_1", ?13, ?14, ?15, ?16, "subjects"."product_id"))) < ?17) AND (NOT EXISTS (SELECT 1 FROM "defect_cases" AS "defect_cases_5" WHERE (("defect_cases_5"."product_id" = "subjects"."product_id") AND ("defect_cases_5"."opened_on" <= (SELECT coalesce(date("subjects"."rg_let_1", ?18), rg_known_date("subjects"."rg_let_1", ?19, ?20, ?21, ?22, "subjects"."product_id")))))))) ORDER BY "subjects"."rg_key"
;
-- ?1 = 'fire' (text)
-- ?2 = 'explosion' (text)
-- ?3 = 'fire' (text)
-- ?4 = 'explosion' (text)
-- ?5 = '-89 days' (text)
-- ?6 = -89 (integer)
-- ?7 = 'days' (text)
-- ?8 = '' (text)
-- ?9 = 'products' (text)
-- ?10 = 3 (integer)
-- ?11 = 3 (integer)
-- ?12 = '+10 days' (text)
-- ?13 = 10 (integer)
-- ?14 = 'days' (text)
-- ?15 = '' (text)
-- ?16 = 'products' (text)
-- ?17 = '2025-12-31' (text)
-- ?18 = '+10 days' (text)
-- ?19 = 10 (integer)
-- ?20 = 'days' (text)
-- ?21 = '' (text)
-- ?22 = 'products' (text)

-- subjects evaluated
SELECT count(1) FROM "products" AS "subject"
;
-- (no parameters)
